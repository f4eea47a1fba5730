/*
 * Interrupt and exception entry stubs: each pushes its vector (and a zero where the CPU
 * pushes no error code), then the common path saves the general registers and calls
 * uk_trap(struct uk_trap_frame *). The table uk_isr_table lists the stubs for the IDT.
 */
    .text
.macro STUB_NOERR n
    .p2align 3
isr_\n:
    pushq $0
    pushq $\n
    jmp isr_common
.endm
.macro STUB_ERR n
    .p2align 3
isr_\n:
    pushq $\n
    jmp isr_common
.endm

/* Vectors with a CPU error code: #DF 8, #TS 10, #NP 11, #SS 12, #GP 13, #PF 14, #AC 17, #CP 21, #VC 29, #SX 30 */
.irp n, 0,1,2,3,4,5,6,7,9,15,16,18,19,20,22,23,24,25,26,27,28,31
    STUB_NOERR \n
.endr
.irp n, 8,10,11,12,13,14,17,21,29,30
    STUB_ERR \n
.endr
/* PIC lines 0-15 (0x20-0x2f), the APIC timer (0x40), the APIC spurious vector (0xff) */
.irp n, 32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,64,255
    STUB_NOERR \n
.endr

isr_common:
    pushq %rax
    pushq %rbx
    pushq %rcx
    pushq %rdx
    pushq %rsi
    pushq %rdi
    pushq %rbp
    pushq %r8
    pushq %r9
    pushq %r10
    pushq %r11
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    movq %rsp, %rdi
    cld
    call uk_trap
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %r11
    popq %r10
    popq %r9
    popq %r8
    popq %rbp
    popq %rdi
    popq %rsi
    popq %rdx
    popq %rcx
    popq %rbx
    popq %rax
    addq $16, %rsp
    iretq

    .section .rodata
    .p2align 3
    .globl uk_isr_table
uk_isr_table:   /* pairs: vector, stub address; ends with vector -1 */
.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,64,255
    .quad \n, isr_\n
.endr
    .quad -1, 0
