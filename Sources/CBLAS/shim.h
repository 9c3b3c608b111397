#include <cblas.h>
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <xmmintrin.h>
#include <pmmintrin.h>
#include <cpuid.h>
/* Sets (on != 0) or clears flush-to-zero and denormals-are-zero for the calling thread. */
static inline void lepton_set_flush_denormals(int on) {
    unsigned int csr = _mm_getcsr();
    if (on) csr |= 0x8040u; else csr &= ~0x8040u;
    _mm_setcsr(csr);
}
/* Whether flush-to-zero is set for the calling thread. */
static inline int lepton_flush_denormals(void) { return (_mm_getcsr() & 0x8040u) == 0x8040u; }

/* cpuid(leaf, subleaf) into regs[0..3] = eax, ebx, ecx, edx; 0 when the leaf does not exist. */
static inline int lepton_cpuid(unsigned int leaf, unsigned int subleaf, unsigned int regs[4]) {
    return __get_cpuid_count(leaf, subleaf, &regs[0], &regs[1], &regs[2], &regs[3]);
}
/* XCR0: the register state the operating system saves (AVX needs bits 1-2, AVX-512 bits 5-7).
   0 when the OS has not enabled XSAVE (then xgetbv would fault, so it is not executed). */
static inline unsigned long long lepton_xcr0(void) {
    unsigned int r[4] = {0, 0, 0, 0};
    if (!lepton_cpuid(1, 0, r) || !(r[2] & (1u << 27))) return 0;
    unsigned int lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return ((unsigned long long)hi << 32) | lo;
}
#else
static inline void lepton_set_flush_denormals(int on) { (void)on; }
static inline int lepton_flush_denormals(void) { return 0; }
static inline int lepton_cpuid(unsigned int leaf, unsigned int subleaf, unsigned int regs[4]) {
    (void)leaf; (void)subleaf; regs[0] = regs[1] = regs[2] = regs[3] = 0; return 0;
}
static inline unsigned long long lepton_xcr0(void) { return 0; }
#endif

/* Whether the loaded BLAS carries OpenBLAS's kernel table `gotoblas_<CORE>` (a DYNAMIC_ARCH
   build such as Debian's exports one per supported core). */
static inline int lepton_openblas_has_core_table(const char *symbol) {
    return dlsym(RTLD_DEFAULT, symbol) != NULL;
}

/* Makes a DYNAMIC_ARCH OpenBLAS choose its kernels again, as it does when it is loaded:
   gotoblas_dynamic_quit() forgets the table, gotoblas_dynamic_init() reads OPENBLAS_CORETYPE
   and selects again (its own detection when `core` is NULL). OPENBLAS_CORETYPE is set only
   for that call and then restored, so child processes detect for themselves. Returns 0 when
   the library has no such entry points (not OpenBLAS, or a build for one core). Must run
   before any BLAS computation and never concurrently with one. */
static inline int lepton_openblas_reselect_core(const char *core) {
    void (*quit)(void) = (void (*)(void))dlsym(RTLD_DEFAULT, "gotoblas_dynamic_quit");
    void (*init)(void) = (void (*)(void))dlsym(RTLD_DEFAULT, "gotoblas_dynamic_init");
    if (!quit || !init) return 0;
    const char *old = getenv("OPENBLAS_CORETYPE");
    char *saved = old ? strdup(old) : NULL;
    if (core) setenv("OPENBLAS_CORETYPE", core, 1); else unsetenv("OPENBLAS_CORETYPE");
    quit();
    init();
    if (saved) { setenv("OPENBLAS_CORETYPE", saved, 1); free(saved); } else unsetenv("OPENBLAS_CORETYPE");
    return 1;
}
