/* The 8-float builds of Lepton's kernels: for AVX2 + FMA (x86-64-v3) — also what any other
   CPU with fused multiply-add runs (aarch64: NEON) — and, on x86-64, a baseline build for
   CPUs without FMA, whose multiply-then-add rounds twice and so gives other bits (the run's
   numerics fingerprint says so). kernels_v16.c has the AVX-512 build; dispatch.c picks. */
#pragma clang fp contract(off)
#include "kernels_internal.h"

#define VW 8
#define TAPS 6                    /* 12 accumulators of the 16 ymm registers */
#define GEMM_ROWS 6               /* 6 × 2 accumulators + 2 of b + a broadcast: 15 of 16 ymm */
#define FWD_P 6                   /* pixels per tile of the unpooled forward pass */
#define POOL_PAIRS 0              /* registers for two pooling windows × 2 vectors */
#define PG_ONE_VECTOR 1          /* the pooled kernel gradient: taps × one vector of filters */
#define PG_TAPS 9
#define CONV_P 6                  /* pixels per tile of the input gradient */
#define GEMM_COLS 2
#include "vector_types.h"

#define K(name) v8_##name
#define VFMA(a, b, c) __builtin_elementwise_fma((a), (b), (c))
#define SFMA(a, b, c) __builtin_fmaf((a), (b), (c))
#if defined(__x86_64__)
#pragma clang attribute push(__attribute__((target("arch=x86-64-v3"))), apply_to = function)
#endif
#include "conv2d_kernels.h"
#include "winograd_kernels.h"
#include "gemm_kernels.h"
#include "kernel_entries.h"
#if defined(__x86_64__)
#pragma clang attribute pop
#endif
#undef K
#undef VFMA
#undef SFMA

#if defined(__x86_64__)
#define K(name) base_##name
#define VFMA(a, b, c) ((a) * (b) + (c))
#define SFMA(a, b, c) ((a) * (b) + (c))
#include "conv2d_kernels.h"
#include "winograd_kernels.h"
#include "gemm_kernels.h"
#include "kernel_entries.h"
#endif
