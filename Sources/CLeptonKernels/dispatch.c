/* Which build of Lepton's kernels runs (the CPU's widest, unless capped by a test or by
   LEPTON_KERNELS), and the drivers around them: the GEMM's operand layouts, the scatter of
   a pooled gradient. Every build gives the same bits (see gemm_kernels.h), except the
   baseline x86-64 build, which has no fused multiply-add. */
#include "CLeptonKernels.h"
#include "kernels_internal.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int cpuLevel(void) {
#if defined(__x86_64__)
    static int level = -1;
    if (level < 0) {
        __builtin_cpu_init();
        if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl")
            && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq"))
            level = LEPTON_KERNELS_AVX512;
        else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
            level = LEPTON_KERNELS_FMA8;
        else
            level = LEPTON_KERNELS_BASELINE;
    }
    return level;
#else
    return LEPTON_KERNELS_FMA8;
#endif
}

static int cap = -1;            /* -1: not read yet; else the highest build allowed */

static int envCap(void) {
    const char *s = getenv("LEPTON_KERNELS");
    if (!s || !*s) return LEPTON_KERNELS_AVX512;
    if (!strcasecmp(s, "avx512")) return LEPTON_KERNELS_AVX512;
    if (!strcasecmp(s, "avx2") || !strcasecmp(s, "fma8")) return LEPTON_KERNELS_FMA8;
    if (!strcasecmp(s, "baseline")) return LEPTON_KERNELS_BASELINE;
    return LEPTON_KERNELS_AVX512;   /* an unknown value is reported by the Swift side */
}

int lepton_kernels_cpu_level(void) { return cpuLevel(); }

int lepton_kernels_level(void) {
    int c = __atomic_load_n(&cap, __ATOMIC_RELAXED);
    if (c < 0) {
        c = envCap();
        __atomic_store_n(&cap, c, __ATOMIC_RELAXED);
    }
    const int cpu = cpuLevel();
    return c < cpu ? c : cpu;
}

void lepton_kernels_set_cap(int level) {
    __atomic_store_n(&cap, level < 0 ? envCap() : level, __ATOMIC_RELAXED);
}

const char *lepton_kernels_isa(void) {
    switch (lepton_kernels_level()) {
    case LEPTON_KERNELS_AVX512: return "AVX-512 (16 lanes)";
#if defined(__x86_64__)
    case LEPTON_KERNELS_FMA8: return "AVX2 + FMA (8 lanes)";
    default: return "baseline x86-64 (8 lanes in SSE2, no FMA)";
#else
    default: return "portable C with FMA (8 lanes)";
#endif
    }
}

/* The 16-lane build for shapes that fill its 2·16-filter blocks, on AVX-512 only. */
#if defined(__x86_64__)
#define PICK(name, wide)                                                              \
    (lepton_kernels_level() == LEPTON_KERNELS_AVX512 && (wide) ? v16_##name        \
     : lepton_kernels_level() == LEPTON_KERNELS_BASELINE ? base_##name : v8_##name)
#else
#define PICK(name, wide) v8_##name
#endif

void lepton_conv2d_direct(const float *input, int batch, int height, int width, int channels,
                          const float *kernel, int kh, int kw, int filters, const float *bias,
                          int relu, int pool, float *output) {
    PICK(conv_forward, filters % 32 == 0)(input, batch, height, width, channels, kernel, kh, kw, 1, 1, filters, 0,
                                          filters, bias, relu, pool, output, 0);
}

void lepton_conv2d_direct_strided(const float *input, int batch, int height, int width, int channels,
                                  const float *kernel, int kh, int kw, int sy, int sx, int filters, const float *bias,
                                  int relu, float *output) {
    PICK(conv_forward, filters % 32 == 0)(input, batch, height, width, channels, kernel, kh, kw, sy, sx, filters, 0,
                                          filters, bias, relu, 0, output, 0);
}

void lepton_conv2d_direct_filters(const float *input, int batch, int height, int width, int channels,
                                  const float *kernel, int kh, int kw, int sy, int sx, int filters, int f0, int f1,
                                  const float *bias, int relu, int pool, float *output) {
    PICK(conv_forward, filters % 32 == 0)(input, batch, height, width, channels, kernel, kh, kw, sy, sx, filters, f0,
                                          f1, bias, relu, pool, output, 0);
}

void lepton_conv2d_pooled_forward(const float *input, int batch, int height, int width, int channels,
                                  const float *kernel, int kh, int kw, int filters, const float *bias,
                                  int relu, float *output, unsigned char *codes) {
    PICK(conv_forward, filters % 32 == 0)(input, batch, height, width, channels, kernel, kh, kw, 1, 1, filters, 0,
                                          filters, bias, relu, 1, output, codes);
}

void lepton_conv2d_pooled_grad(const float *input, int batch, int height, int width, int channels,
                               int kh, int kw, const float *dy, const unsigned char *codes, int filters,
                               float *dw, float *db) {
    PICK(conv_pooled_grad, filters % 32 == 0)(input, batch, height, width, channels, kh, kw, dy, codes, filters,
                                              dw, db);
}

void lepton_conv2d_weight_grad(const float *input, int batch, int height, int width, int channels,
                               int kh, int kw, const float *dy, int filters, float *dw) {
    PICK(conv_weight_grad, filters % 32 == 0)(input, batch, height, width, channels, kh, kw, 1, 1, dy, filters, dw);
}

void lepton_conv2d_weight_grad_strided(const float *input, int batch, int height, int width, int channels,
                                       int kh, int kw, int sy, int sx, const float *dy, int filters, float *dw) {
    PICK(conv_weight_grad, filters % 32 == 0)(input, batch, height, width, channels, kh, kw, sy, sx, dy, filters, dw);
}

/* Per-thread scratch buffers that only grow (the worker threads live as long as the
   process), by LEPTON_SCRATCH_* use (kernels_internal.h). */
float *lepton_scratch(int which, size_t floats) {
    static _Thread_local float *buffer[LEPTON_SCRATCH_COUNT];
    static _Thread_local size_t capacity[LEPTON_SCRATCH_COUNT];
    if (capacity[which] < floats) {
        free(buffer[which]);
        buffer[which] = malloc(sizeof(float) * floats);
        if (!buffer[which]) abort();
        capacity[which] = floats;
    }
    return buffer[which];
}

/* dst [cols, rows] (row stride ldd) = the transpose of src [rows, cols] (row stride lds). */
static void transpose(const float *src, long lds, int rows, int cols, float *dst, long ldd) {
    enum { T = 16 };
    for (int i0 = 0; i0 < rows; i0 += T)
        for (int j0 = 0; j0 < cols; j0 += T) {
            const int i1 = i0 + T < rows ? i0 + T : rows, j1 = j0 + T < cols ? j0 + T : cols;
            for (int i = i0; i < i1; i++)
                for (int j = j0; j < j1; j++) dst[(long)j * ldd + i] = src[(long)i * lds + j];
        }
}

static void gemmTiles(const float *a, long rsa, long csa, const float *b, long ldb, float *c, long ldc, int m,
                      int n, int k, int accumulate) {
    PICK(gemm, n >= 16)(a, rsa, csa, b, ldb, c, ldc, m, n, k, accumulate);
}

void lepton_gemm(int transA, int transB, int m, int n, int k, const float *a, long lda, const float *b, long ldb,
                 float *c, long ldc, int accumulate) {
    if (m <= 0 || n <= 0) return;
    const long rsa = transA ? 1 : lda, csa = transA ? lda : 1;
    if (!transB) {                    /* b's rows are contiguous in j: read as stored */
        gemmTiles(a, rsa, csa, b, ldb, c, ldc, m, n, k, accumulate);
        return;
    }
    /* op(b)[p][j] = b[j·ldb + p]. Either pack op(b) (k × n floats), or compute cᵀ = op(b)ᵀ·op(a)ᵀ,
       whose second operand op(a)ᵀ[p][i] must then be contiguous in i, and transpose the
       result back (k × m + n × m floats moved). The chains, and so the bits, are the same. */
    const long packB = (long)k * n, viaTranspose = (transA ? 0 : (long)k * m) + (long)n * m;
    if (accumulate || packB <= viaTranspose) {
        float *bp = lepton_scratch(LEPTON_SCRATCH_OPERAND, (size_t)k * (size_t)n);
        transpose(b, ldb, n, k, bp, n);
        gemmTiles(a, rsa, csa, bp, n, c, ldc, m, n, k, accumulate);
        return;
    }
    const float *at;
    long ldat;
    if (transA) { at = a; ldat = lda; }                    /* op(a)ᵀ = a as stored: [k, m] */
    else { float *p = lepton_scratch(LEPTON_SCRATCH_OPERAND, (size_t)k * (size_t)m); transpose(a, lda, m, k, p, m); at = p; ldat = m; }
    float *ct = lepton_scratch(LEPTON_SCRATCH_RESULT, (size_t)n * (size_t)m);
    gemmTiles(b, ldb, 1, at, ldat, ct, m, n, m, k, 0);
    transpose(ct, m, n, m, c, ldc);
}

long lepton_gemm_packed_floats(int k, int n) {
    return (long)(n + LEPTON_GEMM_PANEL - 1) / LEPTON_GEMM_PANEL * LEPTON_GEMM_PANEL * k;
}

void lepton_gemm_pack_panels(const float *b, long ldb, int k, int n, float *packed) {
    enum { S = LEPTON_GEMM_SUBPANEL };
    for (int j0 = 0; j0 < n; j0 += S) {            /* sub-panel j0 / S: columns j0 … j0 + 15 */
        const int w = n - j0 < S ? n - j0 : S;
        float *sub = packed + (long)j0 * k;
        for (int p = 0; p < k; p++) {
            memcpy(sub + (long)p * S, b + (long)p * ldb + j0, sizeof(float) * (size_t)w);
            memset(sub + (long)p * S + w, 0, sizeof(float) * (size_t)(S - w));
        }
    }
    const long total = lepton_gemm_packed_floats(k, n), written = (long)(n + S - 1) / S * S * k;
    memset(packed + written, 0, sizeof(float) * (size_t)(total - written));    /* the last panel's empty sub-panels */
}

void lepton_gemm_packed_row(const float *a, long csa, const float *packed, int k, int n, int j0, int j1, float *c) {
    if (n <= 0 || j1 <= j0) return;
    PICK(gemm_packed_row, 1)(a, csa, packed, k, n, j0, j1, c);
}

void lepton_gemm_packed(int m, int n, int k, const float *a, long lda, const float *packed, float *c, long ldc) {
    if (m <= 0 || n <= 0) return;
    PICK(gemm_packed, 1)(a, lda, packed, k, n, c, ldc, m);
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

void lepton_conv2d_input_grad(const float *dy, int batch, int oh, int ow, int filters, const float *kernel, int kh,
                              int kw, int channels, int height, int width, int padTop, int padLeft, float *dx) {
    /* dy with kw − 1 zero columns on each side, and the kernel as [kh, kw, filters, channels] */
    const int owp = ow + 2 * (kw - 1);
    const long rowFloats = (long)owp * filters, rows = (long)batch * oh;
    float *dyp = lepton_scratch(LEPTON_SCRATCH_OPERAND, (size_t)(rows * rowFloats));
    for (long r = 0; r < rows; r++) {
        float *d = dyp + r * rowFloats;
        memset(d, 0, sizeof(float) * (size_t)(kw - 1) * (size_t)filters);
        memcpy(d + (long)(kw - 1) * filters, dy + r * ow * filters, sizeof(float) * (size_t)ow * (size_t)filters);
        memset(d + (long)(kw - 1 + ow) * filters, 0, sizeof(float) * (size_t)(kw - 1) * (size_t)filters);
    }
    const int taps = kh * kw;
    float *wt = lepton_scratch(LEPTON_SCRATCH_RESULT, (size_t)taps * (size_t)channels * (size_t)filters);
    for (int t = 0; t < taps; t++)
        transpose(kernel + (long)t * channels * filters, filters, channels, filters, wt + (long)t * channels * filters,
                  channels);
    PICK(conv_input_grad, channels % 32 == 0)(dyp, batch, oh, ow, filters, wt, kh, kw, channels, height, width, padTop,
                                              padLeft, dx);
}

void lepton_conv2d_winograd(const float *input, int batch, int height, int width, int channels, int padTop,
                            int padLeft, int oh, int ow, const float *kernel, int filters, const float *bias, int relu,
                            int pool, float *output, unsigned char *codes) {
    PICK(conv_winograd, filters % 32 == 0)(input, batch, height, width, channels, padTop, padLeft, oh, ow, kernel, 0,
                                           filters, bias, relu, pool, output, codes);
}

void lepton_winograd_transform_kernel(const float *kernel, int channels, int filters, float *u) {
    PICK(winograd_transform, filters % 32 == 0)(kernel, channels, filters, u);
}

void lepton_conv2d_winograd_transformed(const float *input, int batch, int height, int width, int channels,
                                        int padTop, int padLeft, int oh, int ow, const float *u, int filters,
                                        const float *bias, int relu, int pool, float *output, unsigned char *codes) {
    PICK(conv_winograd, filters % 32 == 0)(input, batch, height, width, channels, padTop, padLeft, oh, ow, 0, u,
                                           filters, bias, relu, pool, output, codes);
}

void lepton_conv2d_winograd_input_grad(const float *dy, int batch, int oh, int ow, int filters, const float *kernel,
                                       int channels, int height, int width, int padTop, int padLeft, float *dx) {
    /* the correlation of dy with the kernel turned by 180° and transposed to [5, 5, filters, channels] */
    float *flipped = lepton_scratch(LEPTON_SCRATCH_PANELS, (size_t)25 * (size_t)channels * (size_t)filters);
    const long plane = (long)channels * filters;
    for (int t = 0; t < 25; t++)
        transpose(kernel + (24 - t) * plane, filters, channels, filters, flipped + t * plane, channels);
    PICK(conv_winograd, channels % 32 == 0)(dy, batch, oh, ow, filters, 4 - padTop, 4 - padLeft, height, width,
                                            flipped, 0, channels, 0, 0, 0, dx, 0);
}

void lepton_conv2d_winograd_weight_grad(const float *input, int batch, int height, int width, int channels, int padTop,
                                        int padLeft, int oh, int ow, const float *dy, int filters, float *dw) {
    PICK(conv_winograd_weight_grad, filters % 32 == 0)(input, batch, height, width, channels, padTop, padLeft, oh, ow,
                                                       dy, filters, dw);
}

void lepton_conv2d_narrow(const float *input, int batch, int height, int width, const float *kernel, int kh, int kw,
                          int filters, const float *bias, int relu, float *output) {
    PICK(conv_narrow, width - kw + 1 >= 32)(input, batch, height, width, kernel, kh, kw, filters, bias, relu, output);
}
