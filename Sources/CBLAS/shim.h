#include <cblas.h>

#if defined(__x86_64__) || defined(__i386__)
#include <xmmintrin.h>
#include <pmmintrin.h>
/* Sets (on != 0) or clears flush-to-zero and denormals-are-zero for the calling thread. */
static inline void lepton_set_flush_denormals(int on) {
    unsigned int csr = _mm_getcsr();
    if (on) csr |= 0x8040u; else csr &= ~0x8040u;
    _mm_setcsr(csr);
}
/* Whether flush-to-zero is set for the calling thread. */
static inline int lepton_flush_denormals(void) { return (_mm_getcsr() & 0x8040u) == 0x8040u; }
#else
static inline void lepton_set_flush_denormals(int on) { (void)on; }
static inline int lepton_flush_denormals(void) { return 0; }
#endif
