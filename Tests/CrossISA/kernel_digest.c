/* Digests of Lepton's C kernels (Sources/CLeptonKernels) on fixed pseudo-random inputs:
   the GEMM in all four operand layouts with and without accumulation (odd sizes, tails,
   long k) and with a packed second operand (one row at a time and batched), the direct convolution ('valid', 3×3 and 5×5, channels 1/3/8/32, strides 1 and 2, ReLU, fused pool),
   the pooled training forward and its gradient, the kernel gradient and the input gradient
   (padded), the narrow one-channel kernel (few filters, pixels in lanes), and Winograd's F(2×2, 5×5) (forward with and without the pool, both gradients). One line per case (name and FNV-1a 64 of the output bits), then a line
   "all <digest>".
   scripts/cross-isa-kernels.sh compiles this for x86-64 and for aarch64 and compares the
   lines: every build with fused multiply-add must print the same ones
   (docs/ARCHITECTURE.md, "Numerics").
     kernel_digest [avx512|avx2|baseline]   (the build cap; default: the CPU's widest) */
#include "CLeptonKernels.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state = 0x9E3779B97F4A7C15ull;

/* A float in [-1, 1) from 24 random bits: integer arithmetic and one exact scaling only. */
static float next(void) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    int32_t bits = (int32_t)(state >> 40);          /* 0 … 2^24 − 1 */
    return (float)(bits - (1 << 23)) * (1.0f / (float)(1 << 23));
}

static float *randoms(long count) {
    float *p = malloc(sizeof(float) * (size_t)(count ? count : 1));
    for (long i = 0; i < count; i++) p[i] = next();
    return p;
}

static uint64_t total = 0xcbf29ce484222325ull;

static uint64_t fnv(const void *data, size_t bytes) {
    uint64_t h = 0xcbf29ce484222325ull;
    const unsigned char *p = data;
    for (size_t i = 0; i < bytes; i++) { h ^= p[i]; h *= 0x100000001b3ull; }
    return h;
}

static void report(const char *name, const void *data, size_t bytes) {
    uint64_t h = fnv(data, bytes);
    printf("%s %016llx\n", name, (unsigned long long)h);
    total ^= h; total *= 0x100000001b3ull;
}

static void gemm_case(int ta, int tb, int m, int n, int k, int accumulate) {
    float *a = randoms((long)m * k), *b = randoms((long)k * n), *c = randoms((long)m * n);
    long lda = ta ? m : k, ldb = tb ? k : n;
    lepton_gemm(ta, tb, m, n, k, a, lda, b, ldb, c, n, accumulate);
    char name[96];
    snprintf(name, sizeof name, "gemm %s%s m=%d n=%d k=%d%s", ta ? "T" : "N", tb ? "T" : "N", m, n, k,
             accumulate ? " +=" : "");
    report(name, c, sizeof(float) * (size_t)m * n);
    free(a); free(b); free(c);
}

/* b packed once (lepton_gemm_pack_panels, as a Predictor keeps a Dense kernel), then m rows
   through it: one row at a time (lepton_gemm_packed_row) and as a batch (lepton_gemm_packed). */
static void packed_case(int m, int n, int k) {
    float *a = randoms((long)m * k), *b = randoms((long)k * n), *c = calloc((size_t)m * n, sizeof(float));
    float *packed = malloc(sizeof(float) * (size_t)lepton_gemm_packed_floats(k, n));
    lepton_gemm_pack_panels(b, n, k, n, packed);
    char name[96];
    for (int r = 0; r < m; r++) lepton_gemm_packed_row(a + (long)r * k, 1, packed, k, n, 0, (n + LEPTON_GEMM_PANEL - 1) / LEPTON_GEMM_PANEL, c + (long)r * n);
    snprintf(name, sizeof name, "gemm packed rows m=%d n=%d k=%d", m, n, k);
    report(name, c, sizeof(float) * (size_t)m * n);
    lepton_gemm_packed(m, n, k, a, k, packed, c, n);
    snprintf(name, sizeof name, "gemm packed batch m=%d n=%d k=%d", m, n, k);
    report(name, c, sizeof(float) * (size_t)m * n);
    free(a); free(b); free(c); free(packed);
}

static void conv_case(int batch, int h, int w, int ch, int kh, int filters, int relu, int pool) {
    int oh = h - kh + 1, ow = w - kh + 1;
    float *x = randoms((long)batch * h * w * ch), *kern = randoms((long)kh * kh * ch * filters),
          *bias = randoms(filters);
    long outCount = pool ? (long)batch * (oh / 2) * (ow / 2) * filters : (long)batch * oh * ow * filters;
    float *y = calloc((size_t)outCount, sizeof(float));
    lepton_conv2d_direct(x, batch, h, w, ch, kern, kh, kh, filters, bias, relu, pool, y);
    char name[96];
    snprintf(name, sizeof name, "conv %dx%d c=%d f=%d %dx%dx%d%s%s", kh, kh, ch, filters, batch, h, w,
             relu ? " relu" : "", pool ? " pool" : "");
    report(name, y, sizeof(float) * (size_t)outCount);

    /* Training: the pooled forward with its codes, the pooled gradient, the kernel gradient. */
    if (pool) {
        unsigned char *codes = calloc((size_t)outCount, 1);
        lepton_conv2d_pooled_forward(x, batch, h, w, ch, kern, kh, kh, filters, bias, relu, y, codes);
        float *dy = randoms(outCount), *dw = calloc((size_t)kh * kh * ch * filters, sizeof(float)),
              *db = calloc((size_t)filters, sizeof(float));
        lepton_conv2d_pooled_grad(x, batch, h, w, ch, kh, kh, dy, codes, filters, dw, db);
        snprintf(name, sizeof name, "conv-pooled-grad %dx%d c=%d f=%d", kh, kh, ch, filters);
        report(name, dw, sizeof(float) * (size_t)kh * kh * ch * filters);
        report("  bias", db, sizeof(float) * (size_t)filters);
        free(codes); free(dy); free(dw); free(db);
    } else {
        float *dy = randoms(outCount), *dw = calloc((size_t)kh * kh * ch * filters, sizeof(float));
        lepton_conv2d_weight_grad(x, batch, h, w, ch, kh, kh, dy, filters, dw);
        snprintf(name, sizeof name, "conv-weight-grad %dx%d c=%d f=%d", kh, kh, ch, filters);
        report(name, dw, sizeof(float) * (size_t)kh * kh * ch * filters);
        free(dy); free(dw);
    }
    free(x); free(kern); free(bias); free(y);
}

/* A strided convolution (valid geometry) and its kernel gradient. */
static void strided_case(int batch, int h, int w, int ch, int kh, int stride, int filters) {
    int oh = (h - kh) / stride + 1, ow = (w - kh) / stride + 1;
    long outCount = (long)batch * oh * ow * filters, taps = (long)kh * kh * ch;
    float *x = randoms((long)batch * h * w * ch), *kern = randoms(taps * filters), *bias = randoms(filters);
    float *y = calloc((size_t)outCount, sizeof(float)), *dy = randoms(outCount), *dw = calloc((size_t)(taps * filters), sizeof(float));
    lepton_conv2d_direct_strided(x, batch, h, w, ch, kern, kh, kh, stride, stride, filters, bias, 1, y);
    lepton_conv2d_weight_grad_strided(x, batch, h, w, ch, kh, kh, stride, stride, dy, filters, dw);
    char name[96];
    snprintf(name, sizeof name, "conv %dx%d stride %d c=%d f=%d %dx%dx%d relu", kh, kh, stride, ch, filters, batch, h, w);
    report(name, y, sizeof(float) * (size_t)outCount);
    snprintf(name, sizeof name, "conv-weight-grad %dx%d stride %d c=%d f=%d", kh, kh, stride, ch, filters);
    report(name, dw, sizeof(float) * (size_t)(taps * filters));
    free(x); free(kern); free(bias); free(y); free(dy); free(dw);
}

/* The input gradient of a stride-1 convolution (gathered, no patch matrix), padding pad. */
static void input_grad_case(int batch, int h, int w, int ch, int kh, int filters, int pad) {
    int oh = h + 2 * pad - kh + 1, ow = w + 2 * pad - kh + 1;
    float *dy = randoms((long)batch * oh * ow * filters), *kern = randoms((long)kh * kh * ch * filters);
    float *dx = calloc((size_t)batch * h * w * ch, sizeof(float));
    lepton_conv2d_input_grad(dy, batch, oh, ow, filters, kern, kh, kh, ch, h, w, pad, pad, dx);
    char name[96];
    snprintf(name, sizeof name, "conv-input-grad %dx%d c=%d f=%d %dx%dx%d pad %d", kh, kh, ch, filters, batch, h, w, pad);
    report(name, dx, sizeof(float) * (size_t)batch * h * w * ch);
    free(dy); free(kern); free(dx);
}

/* A one-channel convolution with few filters, pixels in the vector lanes (relu). */
static void narrow_case(int batch, int h, int w, int kh, int filters) {
    int oh = h - kh + 1, ow = w - kh + 1;
    long outCount = (long)batch * oh * ow * filters;
    float *x = randoms((long)batch * h * w), *kern = randoms((long)kh * kh * filters), *bias = randoms(filters);
    float *y = calloc((size_t)outCount, sizeof(float));
    lepton_conv2d_narrow(x, batch, h, w, kern, kh, kh, filters, bias, 1, y);
    char name[96];
    snprintf(name, sizeof name, "conv-narrow %dx%d f=%d %dx%dx%d relu", kh, kh, filters, batch, h, w);
    report(name, y, sizeof(float) * (size_t)outCount);
    free(x); free(kern); free(bias); free(y);
}

/* The 5×5 stride-1 convolution by F(2×2, 5×5), padding pad: the forward pass (bias, ReLU)
   unpooled and pooled with its codes, the input gradient and the kernel gradient. */
static void winograd_case(int batch, int h, int w, int ch, int filters, int pad) {
    int oh = h + 2 * pad - 4, ow = w + 2 * pad - 4;
    long outCount = (long)batch * oh * ow * filters, pooledCount = (long)batch * (oh / 2) * (ow / 2) * filters;
    float *x = randoms((long)batch * h * w * ch), *kern = randoms(25L * ch * filters), *bias = randoms(filters);
    float *dy = randoms(outCount), *y = calloc((size_t)outCount, sizeof(float));
    float *pooled = calloc((size_t)pooledCount, sizeof(float)), *dx = calloc((size_t)batch * h * w * ch, sizeof(float));
    float *dw = calloc(25 * (size_t)ch * filters, sizeof(float));
    unsigned char *codes = calloc((size_t)pooledCount, 1);
    lepton_conv2d_winograd(x, batch, h, w, ch, pad, pad, oh, ow, kern, filters, bias, 1, 0, y, 0);
    lepton_conv2d_winograd(x, batch, h, w, ch, pad, pad, oh, ow, kern, filters, bias, 1, 1, pooled, codes);
    lepton_conv2d_winograd_input_grad(dy, batch, oh, ow, filters, kern, ch, h, w, pad, pad, dx);
    lepton_conv2d_winograd_weight_grad(x, batch, h, w, ch, pad, pad, oh, ow, dy, filters, dw);
    char name[96];
    snprintf(name, sizeof name, "winograd 5x5 c=%d f=%d %dx%dx%d pad %d relu", ch, filters, batch, h, w, pad);
    report(name, y, sizeof(float) * (size_t)outCount);
    snprintf(name, sizeof name, "winograd-pooled 5x5 c=%d f=%d pad %d", ch, filters, pad);
    report(name, pooled, sizeof(float) * (size_t)pooledCount);
    snprintf(name, sizeof name, "winograd-pool-codes 5x5 c=%d f=%d pad %d", ch, filters, pad);
    report(name, codes, (size_t)pooledCount);
    snprintf(name, sizeof name, "winograd-input-grad 5x5 c=%d f=%d pad %d", ch, filters, pad);
    report(name, dx, sizeof(float) * (size_t)batch * h * w * ch);
    snprintf(name, sizeof name, "winograd-weight-grad 5x5 c=%d f=%d pad %d", ch, filters, pad);
    report(name, dw, sizeof(float) * 25 * (size_t)ch * filters);
    free(x); free(kern); free(bias); free(dy); free(y); free(pooled); free(dx); free(dw); free(codes);
}

int main(int argc, char **argv) {
    if (argc > 1) {
        int level = !strcmp(argv[1], "avx512") ? LEPTON_KERNELS_AVX512
                  : !strcmp(argv[1], "avx2") ? LEPTON_KERNELS_FMA8
                  : !strcmp(argv[1], "baseline") ? LEPTON_KERNELS_BASELINE : -2;
        if (level == -2) { fprintf(stderr, "kernel_digest: unknown build %s (avx512, avx2, baseline)\n", argv[1]); return 2; }
        if (level > lepton_kernels_cpu_level()) { fprintf(stderr, "kernel_digest: this CPU cannot run %s\n", argv[1]); return 3; }
        lepton_kernels_set_cap(level);
    }
    fprintf(stderr, "kernel_digest: %s\n", lepton_kernels_isa());
    static const int shapes[][3] = {
        {1, 1, 1}, {1, 10, 128}, {3, 5, 7}, {6, 16, 9}, {13, 17, 19}, {7, 33, 64},
        {32, 128, 300}, {64, 33, 257}, {5, 1024, 40}, {100, 64, 200}, {37, 300, 3},
        {40, 520, 300}, {300, 530, 200},     /* b packed into panels (rows 2 KiB or more apart) */
    };
    for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++)
        for (int layout = 0; layout < 4; layout++)
            gemm_case(layout >> 1, layout & 1, shapes[s][0], shapes[s][1], shapes[s][2], 0);
    gemm_case(0, 0, 29, 45, 61, 1);
    gemm_case(1, 1, 29, 45, 61, 1);
    packed_case(1, 1024, 300);
    packed_case(7, 84, 120);
    packed_case(13, 130, 257);
    conv_case(2, 12, 12, 1, 3, 16, 1, 1);
    conv_case(2, 12, 12, 1, 3, 32, 0, 0);
    conv_case(1, 14, 13, 3, 5, 16, 1, 0);
    conv_case(3, 11, 11, 8, 3, 32, 1, 1);
    conv_case(1, 16, 16, 3, 5, 16, 0, 1);
    conv_case(2, 9, 9, 32, 3, 64, 1, 0);
    conv_case(2, 10, 11, 32, 5, 32, 1, 1);
    conv_case(2, 14, 13, 1, 5, 32, 1, 1);         /* a one-channel 5×5 first layer (its own unrolled tile) */
    conv_case(1, 11, 12, 1, 5, 64, 0, 0);
    strided_case(2, 15, 14, 1, 3, 2, 32);
    strided_case(1, 9, 10, 32, 3, 2, 64);
    input_grad_case(2, 9, 13, 32, 5, 64, 2);
    input_grad_case(1, 7, 7, 16, 3, 16, 0);
    input_grad_case(3, 6, 5, 64, 3, 32, 1);
    narrow_case(2, 28, 28, 5, 6);
    narrow_case(1, 13, 41, 3, 10);
    winograd_case(2, 14, 14, 32, 64, 2);
    winograd_case(3, 9, 7, 16, 16, 2);
    winograd_case(1, 11, 12, 48, 32, 0);
    printf("all %016llx\n", (unsigned long long)total);
    return 0;
}
