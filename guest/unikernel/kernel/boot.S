/*
 * PVH entry: QEMU's -kernel loads this ELF and jumps to pvh_start in 32-bit protected mode,
 * paging off, %ebx = physical address of struct hvm_start_info (Xen's PVH boot ABI,
 * xen/include/public/arch-x86/hvm/start_info.h). We identity-map the first 4 GiB with 2 MiB
 * pages (the local APIC at 0xFEE00000 lies there), enable long mode and call uk_start().
 */
#define XEN_ELFNOTE_PHYS32_ENTRY 18
#define CR0_PE (1 << 0)
#define CR0_MP (1 << 1)
#define CR0_EM (1 << 2)
#define CR0_PG (1 << 31)
#define CR4_PAE (1 << 5)
#define CR4_OSFXSR (1 << 9)
#define CR4_OSXMMEXCPT (1 << 10)
#define MSR_EFER 0xC0000080
#define EFER_LME (1 << 8)
#define PTE_PRESENT_RW 0x3
#define PDE_2M_PAGE 0x83          /* present, writable, page size */
#define BOOT_STACK_SIZE (64 * 1024)

    .section .note.Xen, "a"
    .p2align 2
    .long 4                       /* name size: "Xen\0" */
    .long 4                       /* descriptor size */
    .long XEN_ELFNOTE_PHYS32_ENTRY
    .asciz "Xen"
    .long pvh_start

    .section .boot, "ax"
    .code32
    .globl pvh_start
pvh_start:
    cli
    movl %ebx, uk_pvh_info
    rdtsc                         /* the banner's "ready in" starts here */
    movl %eax, uk_boot_tsc
    movl %edx, uk_boot_tsc + 4
    movl $boot_stack_top, %esp

    /* 2048 page-directory entries of 2 MiB: 0-4 GiB */
    movl $boot_pd, %edi
    xorl %ecx, %ecx
1:  movl %ecx, %eax
    shll $21, %eax
    orl $PDE_2M_PAGE, %eax
    movl %eax, (%edi, %ecx, 8)
    movl $0, 4(%edi, %ecx, 8)
    incl %ecx
    cmpl $2048, %ecx
    jne 1b
    /* four PDPT entries, one per page directory */
    xorl %ecx, %ecx
2:  movl %ecx, %eax
    shll $12, %eax
    addl $boot_pd, %eax
    orl $PTE_PRESENT_RW, %eax
    movl %eax, boot_pdpt(, %ecx, 8)
    incl %ecx
    cmpl $4, %ecx
    jne 2b
    movl $boot_pdpt, %eax
    orl $PTE_PRESENT_RW, %eax
    movl %eax, boot_pml4

    movl $boot_pml4, %eax
    movl %eax, %cr3
    movl %cr4, %eax
    orl $(CR4_PAE | CR4_OSFXSR | CR4_OSXMMEXCPT), %eax
    movl %eax, %cr4
    movl $MSR_EFER, %ecx
    rdmsr
    orl $EFER_LME, %eax
    wrmsr
    movl %cr0, %eax
    andl $~CR0_EM, %eax
    orl $(CR0_PE | CR0_MP | CR0_PG), %eax
    movl %eax, %cr0
    lgdt boot_gdt_ptr
    ljmp $0x08, $long_mode

    .code64
long_mode:
    movw $0x10, %ax
    movw %ax, %ds
    movw %ax, %es
    movw %ax, %ss
    xorw %ax, %ax
    movw %ax, %fs
    movw %ax, %gs
    movq $boot_stack_top, %rsp
    xorq %rbp, %rbp
    call uk_start
3:  cli
    hlt
    jmp 3b

    .section .rodata
    .p2align 3
boot_gdt:
    .quad 0
    .quad 0x00AF9A000000FFFF      /* 0x08: 64-bit code, ring 0 */
    .quad 0x00CF92000000FFFF      /* 0x10: data, ring 0 */
boot_gdt_end:
boot_gdt_ptr:
    .word boot_gdt_end - boot_gdt - 1
    .long boot_gdt

    .section .bss
    .p2align 12
boot_pml4: .skip 4096
boot_pdpt: .skip 4096
boot_pd:   .skip 4 * 4096
    .p2align 4
boot_stack: .skip BOOT_STACK_SIZE
boot_stack_top:
    .p2align 3
    .globl uk_pvh_info, uk_boot_tsc
uk_pvh_info: .skip 8
uk_boot_tsc: .skip 8
