/* The direct-convolution kernels with 8-float vectors, compiled once per x86 instruction-set
   level (x86-64-v4, v3 = AVX2 + FMA, baseline) and chosen by the CPU at load time
   (target_clones). kernels_v16.c has the 16-float AVX-512 build of the same kernels; the
   exported functions below pick one. */
#include "CLeptonKernels.h"

#define VW 8
#define TAPS 6                    /* 12 accumulators of the 16 ymm registers */
#define K(name) v8_##name
#define DENSE_ROWS 3
#include "conv2d_kernels.h"
#include "dense_kernels.h"

#if defined(__x86_64__)
#define CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define CLONES
#endif

CLONES static void v8_forward(const float *input, int batch, int height, int width, int channels,
                              const float *kernel, int kh, int kw, int filters, const float *bias, int relu,
                              int pool, float *output, unsigned char *codes) {
    v8_forward_entry(input, batch, height, width, channels, kernel, kh, kw, filters, bias, relu, pool, output, codes);
}

CLONES static void v8_pooled_grad(const float *input, int batch, int height, int width, int channels, int kh,
                                  int kw, const float *dy, const unsigned char *codes, int filters, float *dw,
                                  float *db) {
    v8_pooled_grad_entry(input, batch, height, width, channels, kh, kw, dy, codes, filters, dw, db);
}

static int forcePortable = 0;
void lepton_conv2d_set_portable(int on) { __atomic_store_n(&forcePortable, on != 0, __ATOMIC_RELAXED); }
int lepton_conv2d_portable(void) { return __atomic_load_n(&forcePortable, __ATOMIC_RELAXED); }

CLONES static void v8_dense(const float *x, int m, int k, const float *w, int n, float *y) {
    v8_dense_body(x, m, k, w, n, y);
}

#if defined(__x86_64__)
void lepton_v16_forward(const float *input, int batch, int height, int width, int channels,
                        const float *kernel, int kh, int kw, int filters, const float *bias, int relu,
                        int pool, float *output, unsigned char *codes);
void lepton_v16_pooled_grad(const float *input, int batch, int height, int width, int channels, int kh,
                            int kw, const float *dy, const unsigned char *codes, int filters, float *dw,
                            float *db);

void lepton_v16_dense(const float *x, int m, int k, const float *w, int n, float *y);

/* The AVX-512 build runs when the CPU (and the OS, which must save the zmm state) supports
   AVX-512 F/VL/BW/DQ, unless a test asked for the 8-lane build. */
static int avx512(void) {
    static int has = -1;
    if (has < 0)
        has = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl")
           && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq");
    return has && !lepton_conv2d_portable();
}
/* … and the filter count fills its 32-filter blocks. */
static int useV16(int filters) { return filters % 32 == 0 && avx512(); }
#else
static int avx512(void) { return 0; }
static int useV16(int filters) { (void)filters; return 0; }
#define lepton_v16_forward v8_forward
#define lepton_v16_pooled_grad v8_pooled_grad
#define lepton_v16_dense v8_dense
#endif

int lepton_dense_forward(const float *x, int m, int k, const float *w, int n, float *y) {
    if (n % 16 == 0 && avx512()) lepton_v16_dense(x, m, k, w, n, y);
    else if (n % 8 == 0) v8_dense(x, m, k, w, n, y);
    else return 0;
    return 1;
}

const char *lepton_kernels_isa(void) {
    if (avx512()) return "AVX-512 (16 lanes)";
#if defined(__x86_64__)
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return "AVX2 + FMA (8 lanes)";
    return "baseline x86-64 (8 lanes in SSE2)";
#else
    return "portable C (8 lanes)";
#endif
}

void lepton_conv2d_direct(const float *input, int batch, int height, int width, int channels,
                          const float *kernel, int kh, int kw, int filters, const float *bias,
                          int relu, int pool, float *output) {
    (useV16(filters) ? lepton_v16_forward : v8_forward)(input, batch, height, width, channels, kernel, kh, kw,
                                                        filters, bias, relu, pool, output, 0);
}

void lepton_conv2d_pooled_forward(const float *input, int batch, int height, int width, int channels,
                                  const float *kernel, int kh, int kw, int filters, const float *bias,
                                  int relu, float *output, unsigned char *codes) {
    (useV16(filters) ? lepton_v16_forward : v8_forward)(input, batch, height, width, channels, kernel, kh, kw,
                                                        filters, bias, relu, 1, output, codes);
}

void lepton_conv2d_pooled_grad(const float *input, int batch, int height, int width, int channels,
                               int kh, int kw, const float *dy, const unsigned char *codes, int filters,
                               float *dw, float *db) {
    (useV16(filters) ? lepton_v16_pooled_grad : v8_pooled_grad)(input, batch, height, width, channels, kh, kw,
                                                                dy, codes, filters, dw, db);
}

void lepton_pool_codes_scatter(const float *dy, const unsigned char *codes, int batch, int oh, int ow,
                               int filters, float *dconv) {
    const int ph = oh / 2, pw = ow / 2;
    for (int n = 0; n < batch; n++)
        for (int oy = 0; oy < oh; oy++)
            for (int ox = 0; ox < ow; ox++) {
                float *d = dconv + (((long)n * oh + oy) * ow + ox) * filters;
                if (oy >= 2 * ph || ox >= 2 * pw) {
                    memset(d, 0, sizeof(float) * (unsigned long)filters);
                    continue;
                }
                const long p = (((long)n * ph + oy / 2) * pw + ox / 2) * filters;
                const unsigned char q = (unsigned char)((oy & 1) * 2 + (ox & 1));
                for (int f = 0; f < filters; f++) d[f] = codes[p + f] == q ? dy[p + f] : 0.0f;
            }
}
