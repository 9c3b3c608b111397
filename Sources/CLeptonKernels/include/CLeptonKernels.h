#ifndef LEPTON_KERNELS_H
#define LEPTON_KERNELS_H

/* Lepton's own inference kernels in C, compiled once per x86 instruction-set level
   (x86-64-v4 = AVX-512, v3 = AVX2 + FMA, baseline) and chosen at load time by the CPU
   (target_clones / ifunc), so one binary runs everywhere at the speed the CPU allows. */

/* Direct 2-D convolution, stride 1, no padding ("valid"), NHWC input [batch, height,
   width, channels], HWIO kernel [kh, kw, channels, filters], plus bias, then ReLU when
   relu != 0. With pool != 0 a 2×2 max-pool of stride 2 (valid) follows in the same pass
   and output is [batch, (height-kh+1)/2, (width-kw+1)/2, filters]; otherwise output is
   [batch, height-kh+1, width-kw+1, filters]. filters must be a multiple of 16 and the
   convolution output at least 4 pixels wide. Every output depends only on its own
   image, in a fixed order of additions. */
void lepton_conv2d_direct(const float *input, int batch, int height, int width, int channels,
                          const float *kernel, int kh, int kw, int filters, const float *bias,
                          int relu, int pool, float *output);

/* The same convolution with ReLU (when relu != 0) and a 2×2 stride-2 max-pool, for training:
   output is [batch, oh/2, ow/2, filters] as lepton_conv2d_direct's pooled output, and codes
   (one byte per output) holds the window position of each maximum (0 top-left, 1 top-right,
   2 bottom-left, 3 bottom-right; the first wins a tie) or 255 where ReLU zeroed the output. */
void lepton_conv2d_pooled_forward(const float *input, int batch, int height, int width, int channels,
                                  const float *kernel, int kh, int kw, int filters, const float *bias,
                                  int relu, float *output, unsigned char *codes);

/* The kernel gradient dw [kh, kw, channels, filters] and bias gradient db [filters] of the
   pooled convolution above, from the pooled output gradient dy and its codes, without
   forming the convolution-sized gradient. The sums run in the same order as
   lepton_conv2d_weight_grad and a column sum over that gradient, so the bits match. */
void lepton_conv2d_pooled_grad(const float *input, int batch, int height, int width, int channels,
                               int kh, int kw, const float *dy, const unsigned char *codes, int filters,
                               float *dw, float *db);

/* The convolution-sized gradient [batch, oh, ow, filters] that the pooled gradient and codes
   stand for: dy at each live maximum, 0 elsewhere (for the input gradient of a layer that
   is not the first). */
void lepton_pool_codes_scatter(const float *dy, const unsigned char *codes, int batch, int oh, int ow,
                               int filters, float *dconv);

/* The build of these kernels the CPU runs: "AVX-512 (16 lanes)" (for 32-filter blocks and
   16-unit dense layers; other widths use the 8-lane x86-64-v4 build), "AVX2 + FMA (8 lanes)"
   or "baseline x86-64 (8 lanes in SSE2)". */
const char *lepton_kernels_isa(void);

/* With 1, the 8-lane build runs even on an AVX-512 CPU (tests compare the two); 0 restores
   the choice by CPU. */
void lepton_conv2d_set_portable(int on);
int lepton_conv2d_portable(void);

/* The kernel gradient of the same convolution (stride 1, valid): dw [kh, kw, channels,
   filters] = Σ over every output pixel of the input patch times dy [batch, oh, ow, filters],
   read straight from the input. filters must be a multiple of 16. Fixed order of additions. */
void lepton_conv2d_weight_grad(const float *input, int batch, int height, int width, int channels,
                               int kh, int kw, const float *dy, int filters, float *dw);

/* The dense layer's product y [m, n] = x [m, k] · w [k, n] (row-major, the kernel as
   stored), each output summing k in order with fused multiply-adds: the same bits for any
   batch size m and either vector width. Returns 0 (and writes nothing) when n is not a
   multiple of 8; the caller then uses BLAS. */
int lepton_dense_forward(const float *x, int m, int k, const float *w, int n, float *y);

/* Runs function(context, 0) … function(context, tasks − 1) on up to `threads` threads —
   the caller and persistent workers that spin for a while after each job instead of
   sleeping at once — and returns when all have finished. Task k runs on thread
   k mod threads. Each task must write only its own memory. Workers run with the caller's
   floating-point control word (denormal flushing). One job runs at a time. */
typedef void (*lepton_task_fn)(void *context, int task);
void lepton_parallel(int tasks, int threads, lepton_task_fn function, void *context);

#endif
