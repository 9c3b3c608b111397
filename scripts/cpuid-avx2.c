/* An AVX2-only CPU for one process, on an AVX-512 machine: CPUID stops reporting AVX-512.
   LD_PRELOAD the library built from this file and every framework in the process (ONNX
   Runtime's MLAS, oneDNN, OpenBLAS, numpy, Lepton) picks the kernels it would pick on an
   AVX2 + FMA CPU such as AMD Zen 1-3 or Intel Haswell-Comet Lake. ONNX Runtime has no
   switch of its own: its dispatch reads CPUID once, which is what this changes.

   How: Linux's CPUID faulting (arch_prctl ARCH_SET_CPUID; the CPU must list `cpuid_fault`
   in /proc/cpuinfo, as KVM guests on AMD and Intel do) makes each CPUID instruction raise
   SIGSEGV; the handler runs the real CPUID, clears the AVX-512 bits of leaf 7 (EBX, ECX,
   EDX; subleaf 1 EAX: AVX512_BF16) and resumes after the instruction. Threads inherit the
   setting; exec resets it, and LD_PRELOAD sets it again in the new program. sigaction and
   signal are interposed so that a program's own SIGSEGV handler (a crash reporter) gets
   every other fault instead of replacing this one. The XCR0 register still shows the
   AVX-512 state enabled; software that reads CPUID first, as all of the above do, never
   gets there. Glibc's string functions pick their variants before any constructor runs.

   Built by scripts/bench-suite.sh (the Swift toolchain's clang):  clang -O2 -shared -fPIC -o libcpuid-avx2.so cpuid-avx2.c -ldl
   Check:  LD_PRELOAD=./libcpuid-avx2.so python3 -c 'import numpy.…'  (see bench-suite.sh) */
#define _GNU_SOURCE
#include <asm/prctl.h>
#include <cpuid.h>
#include <dlfcn.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

static int cpuidAllowed(int allowed) { return (int)syscall(SYS_arch_prctl, ARCH_SET_CPUID, allowed); }

/* The program's own SIGSEGV action (SIG_DFL until it sets one). */
static struct sigaction appAction;
static int (*realSigaction)(int, const struct sigaction *, struct sigaction *);

static int callRealSigaction(int sig, const struct sigaction *act, struct sigaction *old) {
    if (!realSigaction)
        realSigaction = (int (*)(int, const struct sigaction *, struct sigaction *))dlsym(RTLD_NEXT, "sigaction");
    return realSigaction(sig, act, old);
}

int sigaction(int sig, const struct sigaction *act, struct sigaction *old) {
    if (sig != SIGSEGV) return callRealSigaction(sig, act, old);
    if (old) *old = appAction;
    if (act) appAction = *act;
    return 0;
}

sighandler_t signal(int sig, sighandler_t handler) {
    struct sigaction act, old;
    memset(&act, 0, sizeof act);
    act.sa_handler = handler;
    act.sa_flags = SA_RESTART;
    if (sigaction(sig, &act, &old) != 0) return SIG_ERR;
    return old.sa_handler;
}

static void onFault(int sig, siginfo_t *info, void *context) {
    ucontext_t *uc = context;
    greg_t *r = uc->uc_mcontext.gregs;
    const unsigned char *ip = (const unsigned char *)r[REG_RIP];
    if (ip[0] != 0x0f || ip[1] != 0xa2) {               /* not CPUID: the program's own fault */
        if (appAction.sa_flags & SA_SIGINFO) { appAction.sa_sigaction(sig, info, context); return; }
        if (appAction.sa_handler == SIG_IGN) return;
        if (appAction.sa_handler != SIG_DFL) { appAction.sa_handler(sig); return; }
        struct sigaction dfl;
        memset(&dfl, 0, sizeof dfl);
        dfl.sa_handler = SIG_DFL;
        callRealSigaction(sig, &dfl, 0);
        return;                                         /* the instruction faults again: default action */
    }
    const unsigned leaf = (unsigned)r[REG_RAX], sub = (unsigned)r[REG_RCX];
    unsigned a, b, c, d;
    cpuidAllowed(1);
    __cpuid_count(leaf, sub, a, b, c, d);
    cpuidAllowed(0);
    if (leaf == 7 && sub == 0) {
        /* AVX512 F, DQ, IFMA, PF, ER, CD, BW, VL */
        b &= ~(1u << 16 | 1u << 17 | 1u << 21 | 1u << 26 | 1u << 27 | 1u << 28 | 1u << 30 | 1u << 31);
        /* AVX512 VBMI, VBMI2, VNNI, BITALG, VPOPCNTDQ */
        c &= ~(1u << 1 | 1u << 6 | 1u << 11 | 1u << 12 | 1u << 14);
        /* AVX512 4VNNIW, 4FMAPS, VP2INTERSECT, FP16 */
        d &= ~(1u << 2 | 1u << 3 | 1u << 8 | 1u << 23);
    } else if (leaf == 7 && sub == 1) {
        a &= ~(1u << 5);                                /* AVX512_BF16 */
    }
    r[REG_RAX] = a;
    r[REG_RBX] = b;
    r[REG_RCX] = c;
    r[REG_RDX] = d;
    r[REG_RIP] += 2;
}

__attribute__((constructor)) static void maskAVX512(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = onFault;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    callRealSigaction(SIGSEGV, &sa, 0);
    cpuidAllowed(0);            /* fails (CPUID stays as is) where the CPU cannot fault it */
}
