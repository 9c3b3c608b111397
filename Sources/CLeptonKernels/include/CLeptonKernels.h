#ifndef LEPTON_KERNELS_H
#define LEPTON_KERNELS_H

/* Lepton's own kernels in C — the matrix product behind every dense layer and im2col
   convolution, the direct convolutions, the worker pool — compiled as three builds: 16-lane
   AVX-512 (x86-64-v4), 8-lane with fused multiply-add (x86-64-v3 = AVX2 + FMA; also what a
   non-x86 CPU runs) and, on x86-64, an 8-lane baseline without FMA. dispatch.c picks the
   widest the CPU runs per call. Every output is a fixed chain of fused multiply-adds, so
   the AVX-512 and the AVX2 builds give the same bits (docs/ARCHITECTURE.md, "Numerics"). */

/* The builds, as levels: lepton_kernels_level() is the one that runs. */
enum { LEPTON_KERNELS_BASELINE = 0, LEPTON_KERNELS_FMA8 = 2, LEPTON_KERNELS_AVX512 = 3 };

/* The widest build this CPU runs. */
int lepton_kernels_cpu_level(void);
/* The build that runs: the CPU's widest, capped by lepton_kernels_set_cap or by the
   environment variable LEPTON_KERNELS (avx512, avx2, baseline), read once. */
int lepton_kernels_level(void);
/* Caps the build (tests compare builds on one machine); -1 returns to LEPTON_KERNELS. */
void lepton_kernels_set_cap(int level);

/* c [m, n] (row stride ldc) = op(a) · op(b), or c + op(a) · op(b) when accumulate != 0;
   op(a) is a [m, k] (row stride lda) or, when transA, the transpose of a [k, m]; op(b) is
   b [k, n] (row stride ldb) or, when transB, the transpose of b [n, k]. Every c[i][j] is
   one chain of fused multiply-adds over p = 0 … k−1 in order, from +0 (or c's value): the
   bits do not depend on the build, the blocking, m or the thread count. Single-threaded;
   uses per-thread scratch buffers for transposed operands and packed panels. */
void lepton_gemm(int transA, int transB, int m, int n, int k, const float *a, long lda, const float *b, long ldb,
                 float *c, long ldc, int accumulate);

/* b [k, n] (row stride ldb) copied into Lepton's packed layout: sub-panels of
   LEPTON_GEMM_SUBPANEL (16) columns, each with its k rows contiguous, one after another —
   column q, row p at packed[(q / 16)·16·k + p·16 + q mod 16] — zero-padded to whole panels of
   LEPTON_GEMM_PANEL (64) columns, the unit the threads split. A batch of one streams four
   sub-panels at once (lepton_gemm_packed_row); a batch's tile of 16 or 64 columns reads its
   sub-panels in order (lepton_gemm_packed). packed holds lepton_gemm_packed_floats(k, n)
   floats. The same layout for every build. */
#define LEPTON_GEMM_PANEL 64
#define LEPTON_GEMM_SUBPANEL 16
long lepton_gemm_packed_floats(int k, int n);
void lepton_gemm_pack_panels(const float *b, long ldb, int k, int n, float *packed);

/* c [1, n] = a · b for one row a (element p at a[p·csa]) and b packed by
   lepton_gemm_pack_panels: only the columns of panels j0 … j1 − 1 (the threads take
   panels). The same chains, and bits, as lepton_gemm of a and b unpacked. */
void lepton_gemm_packed_row(const float *a, long csa, const float *packed, int k, int n, int j0, int j1, float *c);

/* c [m, n] (row stride ldc) = a [m, k] (row stride lda) · b packed by lepton_gemm_pack_panels.
   The same chains, and bits, as lepton_gemm of a and b unpacked. Single-threaded; per-thread
   scratch for the last columns' tile. */
void lepton_gemm_packed(int m, int n, int k, const float *a, long lda, const float *packed, float *c, long ldc);

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

/* lepton_conv2d_direct with strides sy, sx (no pool): output [batch, (height − kh)/sy + 1,
   (width − kw)/sx + 1, filters], output (oy, ox) reading the window at input row oy·sy,
   column ox·sx. The same order of additions as im2col + GEMM. */
void lepton_conv2d_direct_strided(const float *input, int batch, int height, int width, int channels,
                                  const float *kernel, int kh, int kw, int sy, int sx, int filters, const float *bias,
                                  int relu, float *output);

/* lepton_conv2d_direct_strided (pool == 0) or lepton_conv2d_direct with pool (then sy = sx = 1)
   for filters f0 … f1 − 1 only (multiples of 32, f0 < f1 ≤ filters; filters a multiple of 32):
   kernel, bias and output keep their full rows of `filters`; each output written is the one
   the call for all filters writes, bit for bit, and the others are left alone. Two calls on
   the two halves of the filters split a batch of one between threads without dividing rows. */
void lepton_conv2d_direct_filters(const float *input, int batch, int height, int width, int channels,
                                  const float *kernel, int kh, int kw, int sy, int sx, int filters, int f0, int f1,
                                  const float *bias, int relu, int pool, float *output);

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

/* The build that runs, by name: "AVX-512 (16 lanes)", "AVX2 + FMA (8 lanes)",
   "baseline x86-64 (8 lanes in SSE2, no FMA)" or "portable C with FMA (8 lanes)". */
const char *lepton_kernels_isa(void);

/* The kernel gradient of the same convolution (stride 1, valid): dw [kh, kw, channels,
   filters] = Σ over every output pixel of the input patch times dy [batch, oh, ow, filters],
   read straight from the input. filters must be a multiple of 16. Fixed order of additions (that of the GEMM over im2col). */
void lepton_conv2d_weight_grad(const float *input, int batch, int height, int width, int channels,
                               int kh, int kw, const float *dy, int filters, float *dw);
/* The same for strides sy, sx (dy [batch, (height − kh)/sy + 1, (width − kw)/sx + 1, filters]). */
void lepton_conv2d_weight_grad_strided(const float *input, int batch, int height, int width, int channels,
                                       int kh, int kw, int sy, int sx, const float *dy, int filters, float *dw);

/* The input gradient of a stride-1 convolution with padding padTop/padLeft (0 for 'valid'):
   dx [batch, height, width, channels] from dy [batch, oh, ow, filters] and the HWIO kernel
   [kh, kw, channels, filters], without a patch matrix. The sums are those of im2col's adjoint
   (col2im) over the GEMM dy · kernelᵀ, in the same order, so the bits are the same: every
   input pixel starts at +0 and adds, for each output pixel whose window covers it in
   ascending (oy, ox) order, the fused chain over filters in order. channels must be a
   multiple of 16. Uses per-thread scratch for dy padded by kw − 1 columns on each side and
   the kernel transposed to [kh, kw, filters, channels]. */
void lepton_conv2d_input_grad(const float *dy, int batch, int oh, int ow, int filters, const float *kernel, int kh,
                              int kw, int channels, int height, int width, int padTop, int padLeft, float *dx);

/* A stride-1 valid convolution of one input channel with fewer than 16 filters (LeNet-5's
   first layer: 6): output pixels in the vector lanes instead of widening the filters to a
   vector block. input [batch, height, width, 1], HWIO kernel [kh, kw, 1, filters], output
   [batch, height − kh + 1, width − kw + 1, filters] plus bias, then ReLU when relu != 0. The
   same chains — and bits — as im2col + lepton_gemm. */
void lepton_conv2d_narrow(const float *input, int batch, int height, int width, const float *kernel, int kh, int kw,
                          int filters, const float *bias, int relu, float *output);

/* A stride-1 5×5 convolution by Winograd's F(2×2, 5×5) (winograd_kernels.h): 36
   multiplications per 2×2 outputs, channel and filter where the direct sum takes 100, in
   another order of additions than lepton_conv2d_direct (so other bits), the same bits in
   every build with FMA. input [batch, height, width, channels], read as zero outside it;
   output (oy, ox) is the window at input row oy − padTop, column ox − padLeft. kernel HWIO
   [5, 5, channels, filters]; channels a multiple of 16 and filters of 16. output [batch,
   oh, ow, filters] plus bias (when bias is not NULL; NULL gives the raw sums), then ReLU
   when relu != 0; or, with pool != 0 (bias required), its 2×2 stride-2 max-pool [batch,
   oh/2, ow/2, filters] with codes (may be NULL) as lepton_conv2d_pooled_forward writes
   them. Per-thread scratch for the transformed kernel and tiles. */
void lepton_conv2d_winograd(const float *input, int batch, int height, int width, int channels, int padTop,
                            int padLeft, int oh, int ow, const float *kernel, int filters, const float *bias, int relu,
                            int pool, float *output, unsigned char *codes);

/* The kernel's Winograd transform u [36, channels, filters] (HWIO kernel [5, 5, channels,
   filters]; filters a multiple of 16): the same values in every build, so it can be kept
   while the kernel does not change and given to lepton_conv2d_winograd_transformed. */
void lepton_winograd_transform_kernel(const float *kernel, int channels, int filters, float *u);

/* lepton_conv2d_winograd with the kernel already transformed (u from
   lepton_winograd_transform_kernel): the same bits, without the transform's cost. */
void lepton_conv2d_winograd_transformed(const float *input, int batch, int height, int width, int channels,
                                        int padTop, int padLeft, int oh, int ow, const float *u, int filters,
                                        const float *bias, int relu, int pool, float *output, unsigned char *codes);

/* The input gradient dx [batch, height, width, channels] of that convolution (padding
   padTop, padLeft ≤ 4; oh ≤ height + padTop) from dy [batch, oh, ow, filters], by the same
   F(2×2, 5×5): the correlation of dy with the kernel turned by 180°. channels a multiple of
   16 and filters of 16. */
void lepton_conv2d_winograd_input_grad(const float *dy, int batch, int oh, int ow, int filters, const float *kernel,
                                       int channels, int height, int width, int padTop, int padLeft, float *dx);

/* The kernel gradient dw [5, 5, channels, filters] of that convolution (unpooled output
   [batch, oh, ow]) from dy [batch, oh, ow, filters], by F(5×5, 2×2) over 2×2 tiles of dy:
   each transformed element is one chain over every tile in order, so the bits depend on
   nothing but the operands. channels a multiple of 16 and filters of 16. */
void lepton_conv2d_winograd_weight_grad(const float *input, int batch, int height, int width, int channels, int padTop,
                                        int padLeft, int oh, int ow, const float *dy, int filters, float *dw);

/* Runs function(context, 0) … function(context, tasks − 1) on up to `threads` threads —
   the caller and persistent workers that spin for a while after each job instead of
   sleeping at once — and returns when all have finished. Each thread claims the next
   unclaimed task until none is left, so any thread may run any task (the caller runs them
   all when no worker gets to run). Each task must write only its own memory. Workers run
   with the caller's floating-point control word (denormal flushing). One job runs at a
   time. */
typedef void (*lepton_task_fn)(void *context, int task);
void lepton_parallel(int tasks, int threads, lepton_task_fn function, void *context);

/* The calling thread's CPU placement, for the worker pool's tests and diagnostics (Linux;
   elsewhere: −1, 0 and −1). lepton_thread_cpu: the CPU it runs on now. lepton_thread_allowed_cpus:
   writes up to max of the CPUs it may run on into cpus, returns how many there are.
   lepton_thread_set_cpus: lets it run on those `count` CPUs only (the kernel moves it at once
   when it is elsewhere); 0 on success. */
int lepton_thread_cpu(void);
int lepton_thread_allowed_cpus(int *cpus, int max);
int lepton_thread_set_cpus(const int *cpus, int count);

#endif
