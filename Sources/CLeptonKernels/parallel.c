/* A small pool of persistent worker threads for the compute core's two-way (or n-way)
   splits of a batch. Waking a sleeping thread costs 30–40 µs on a virtual machine —
   a tenth of a batch-64 inference — so a worker spins on the job counter for a while
   after each job (as OpenBLAS's own threads do) and only then sleeps on a condition
   variable. Every worker acknowledges every job, so none can lag a job behind. */
#include "CLeptonKernels.h"
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <time.h>
#if defined(__x86_64__)
#include <immintrin.h>
#define PAUSE() _mm_pause()
#define GET_CSR() _mm_getcsr()
#define SET_CSR(x) _mm_setcsr(x)
#else
#define PAUSE() ((void)0)
#define GET_CSR() 0u
#define SET_CSR(x) ((void)(x))
#endif

enum { MAX_WORKERS = 63 };
static const long SPIN_NANOSECONDS = 2000000;   /* 2 ms: spans an optimizer step between batches */

static pthread_mutex_t jobLock = PTHREAD_MUTEX_INITIALIZER;    /* one job at a time */
static pthread_mutex_t sleepLock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static atomic_ulong generation;       /* bumped to publish a job */
static atomic_int pending;            /* workers that have not finished the job */
static atomic_int sleepers;
static int workers;                   /* started, never stopped */
static unsigned long startGeneration; /* read by a new worker: workers are created between jobs */
static lepton_task_fn jobFunction;
static void *jobContext;
static int jobTasks;
static int jobThreads;                /* the caller and workers 1 … jobThreads − 1 run tasks */
static unsigned jobCSR;
static _Thread_local int insideJob;   /* nested calls (a task that splits again) run inline */

static long nanoseconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000L + t.tv_nsec;
}

/* Task k runs on participant k mod jobThreads; participant 0 is the caller. */
static void runShare(int participant) {
    if (participant >= jobThreads) return;
    for (int k = participant; k < jobTasks; k += jobThreads) jobFunction(jobContext, k);
}

static void *workerMain(void *arg) {
    const int id = (int)(long)arg;
    insideJob = 1;
    unsigned long seen = startGeneration;   /* the counter when this worker was created */
    for (;;) {
        unsigned long g;
        long spinStart = nanoseconds();
        int spins = 0;
        while ((g = atomic_load_explicit(&generation, memory_order_acquire)) == seen) {
            PAUSE();
            if (++spins % 256 != 0) continue;
            const long spun = nanoseconds() - spinStart;
            if (spun < SPIN_NANOSECONDS) {
                if (spun > 100000) sched_yield();   /* more threads than cores: let the others run */
                continue;
            }
            pthread_mutex_lock(&sleepLock);
            atomic_fetch_add(&sleepers, 1);
            while (atomic_load_explicit(&generation, memory_order_acquire) == seen) pthread_cond_wait(&wake, &sleepLock);
            atomic_fetch_sub(&sleepers, 1);
            pthread_mutex_unlock(&sleepLock);
            spinStart = nanoseconds();
        }
        seen = g;
        const unsigned saved = GET_CSR();
        SET_CSR(jobCSR);
        runShare(id);
        SET_CSR(saved);
        atomic_fetch_sub_explicit(&pending, 1, memory_order_acq_rel);
    }
    return 0;
}

/* A forked child has none of the parent's workers: it starts its own pool. */
static void forgetWorkersInChild(void) {
    workers = 0;
    atomic_store(&sleepers, 0);
    pthread_mutex_init(&jobLock, 0);
    pthread_mutex_init(&sleepLock, 0);
    pthread_cond_init(&wake, 0);
}

static pthread_once_t atforkOnce = PTHREAD_ONCE_INIT;
static void registerAtfork(void) { pthread_atfork(0, 0, forgetWorkersInChild); }

void lepton_parallel(int tasks, int threads, lepton_task_fn function, void *context) {
    if (tasks <= 1 || threads <= 1 || insideJob) {
        for (int k = 0; k < tasks; k++) function(context, k);
        return;
    }
    pthread_once(&atforkOnce, registerAtfork);
    pthread_mutex_lock(&jobLock);
    int want = threads - 1 < tasks - 1 ? threads - 1 : tasks - 1;
    if (want > MAX_WORKERS) want = MAX_WORKERS;
    startGeneration = atomic_load(&generation);
    while (workers < want) {
        pthread_t t;
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        const int ok = pthread_create(&t, &attr, workerMain, (void *)(long)(workers + 1)) == 0;
        pthread_attr_destroy(&attr);
        if (!ok) break;
        workers++;
    }
    if (workers == 0) {              /* no thread could be started: run everything here */
        pthread_mutex_unlock(&jobLock);
        for (int k = 0; k < tasks; k++) function(context, k);
        return;
    }
    jobFunction = function;
    jobContext = context;
    jobTasks = tasks;
    jobThreads = want + 1 < workers + 1 ? want + 1 : workers + 1;
    jobCSR = GET_CSR();
    atomic_store_explicit(&pending, workers, memory_order_relaxed);
    atomic_fetch_add(&generation, 1);
    /* Under the lock a worker either has not yet checked the counter (and will see the new
       value) or is counted in `sleepers` (and is woken): no wake-up is lost. */
    pthread_mutex_lock(&sleepLock);
    if (atomic_load(&sleepers) > 0) pthread_cond_broadcast(&wake);
    pthread_mutex_unlock(&sleepLock);
    insideJob = 1;
    runShare(0);
    insideJob = 0;
    for (int spins = 1; atomic_load_explicit(&pending, memory_order_acquire) > 0; spins++) {
        PAUSE();
        if (spins % 1024 == 0) sched_yield();      /* a worker may be waiting for this core */
    }
    pthread_mutex_unlock(&jobLock);
}
