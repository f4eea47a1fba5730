/* The unit tests' few macros: each test prints "PASS name" or "FAIL name: why (line)". */
#ifndef UK_TEST_CHECK_H
#define UK_TEST_CHECK_H

#include <stdio.h>

static int passed, failed;

#define CHECK(name, cond)                                                    \
    do {                                                                     \
        if (!(cond)) {                                                       \
            printf("FAIL %s: %s (line %d)\n", (name), #cond, __LINE__);      \
            failed++;                                                        \
            return;                                                          \
        }                                                                    \
    } while (0)

static void pass(const char *name)
{
    printf("PASS %s\n", name);
    passed++;
}

static int summary(void)
{
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}

#endif
