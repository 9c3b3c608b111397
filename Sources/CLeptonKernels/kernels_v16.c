/* The AVX-512 (16-float, x86-64-v4) build of Lepton's kernels; dispatch.c calls it only on
   CPUs (and OSes) that run AVX-512 F/VL/BW/DQ. */
#if defined(__x86_64__)
#pragma clang fp contract(off)
#include "kernels_internal.h"

#define VW 16
#define TAPS 9                    /* 18 accumulators of the 32 zmm registers: a 3×3 kernel's taps */
#define WG_TAPS 8                 /* the kernel gradient's taps: 16 accumulators (9 leaves it at half speed) */
#define GEMM_ROWS 6               /* 6 × 4 accumulators + 4 of b + a broadcast: 29 of 32 zmm */
#define FWD_P 8                   /* pixels per tile of the unpooled forward pass */
#define POOL_PAIRS 1              /* registers for two pooling windows × 2 vectors */
#define PG_ONE_VECTOR 0          /* the pooled kernel gradient: taps × one vector of filters */
#define PG_TAPS 9
#define CONV_P 8                  /* pixels per tile of the input gradient */
#define GEMM_COLS 4
#define K(name) v16_##name
#define VFMA(a, b, c) __builtin_elementwise_fma((a), (b), (c))
#define SFMA(a, b, c) __builtin_fmaf((a), (b), (c))

#pragma clang attribute push(__attribute__((target("arch=x86-64-v4"), min_vector_width(512))), apply_to = function)
#include "vector_types.h"
#include "conv2d_kernels.h"
#include "winograd_kernels.h"
#include "gemm_kernels.h"
#include "kernel_entries.h"
#pragma clang attribute pop
#endif
