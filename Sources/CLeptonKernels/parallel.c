/* A small pool of persistent worker threads for the compute core's two-way (or n-way)
   splits of a batch. Waking a sleeping thread costs 30–40 µs on a virtual machine —
   a tenth of a batch-64 inference — so a worker spins on the job counter for a while
   after each job (as OpenBLAS's own threads do) and only then sleeps on a condition
   variable. Tasks are claimed, not assigned: each participant takes the next unclaimed
   task until none is left, so when a worker is not running — the scheduler has put it on
   the caller's own core, or the host has not scheduled its virtual CPU — the caller runs
   the tasks itself instead of waiting for it (measured on a 2-vCPU VM: a job of two 10 µs
   tasks took 170 µs whenever both threads shared a core, waiting for the worker's turn).
   Which thread runs a task changes no result: each task writes only its own memory, with
   the caller's floating-point control word.
   A worker that finds itself on the caller's CPU moves away (Linux): a new thread starts
   where the scheduler puts it — often the caller's own CPU when another thread spins on the
   other one at that moment (OpenBLAS's do, at start-up and after a call) — and a thread that
   keeps running is "cache hot", so the load balancer leaves the two sharing one CPU while
   the other idles. Measured on a 2-vCPU VM in `lepton profile --batch-size 1 --threads 2
   --inference` processes: in most, the worker ran 3–9 of 604 tasks and every split layer
   took its one-thread time; with the move, one move per process and all tasks split. */
#if defined(__linux__) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE
#endif
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
/* The job's claims in one word: its generation's low 40 bits, its task count (12 bits) and
   the next unclaimed task (12 bits). A claim is a compare-and-swap on the whole word, so a
   worker that looks late can never take a task of a later job for one of the job it saw,
   nor compare against a later job's task count; a successful claim keeps the job (and so
   jobFunction, jobContext and jobCSR) alive until that task is done. */
static atomic_ulong claim;
static atomic_int done;               /* tasks of the job finished */
static atomic_int sleepers;
static int workers;                   /* started, never stopped */
static unsigned long startGeneration; /* read by a new worker: workers are created between jobs */
static lepton_task_fn jobFunction;
static void *jobContext;
static _Atomic int jobThreads;        /* the caller and workers 1 … jobThreads − 1 claim tasks */
static unsigned jobCSR;
static _Thread_local int insideJob;   /* nested calls (a task that splits again) run inline */
static atomic_int callerCPU = -1;     /* the CPU the caller of the latest job ran on */

#if defined(__linux__)
/* Moves this thread off `cpu` when it runs there and the process may use another CPU: its
   allowed CPUs without that one for a moment (the kernel migrates it at once), then all of
   them again (it stays where it is until the scheduler moves it). */
static void leaveCPU(int cpu) {
    if (cpu < 0 || sched_getcpu() != cpu) return;
    cpu_set_t allowed, others;
    if (pthread_getaffinity_np(pthread_self(), sizeof allowed, &allowed) != 0 || !CPU_ISSET(cpu, &allowed)
        || CPU_COUNT(&allowed) < 2) return;
    others = allowed;
    CPU_CLR(cpu, &others);
    if (pthread_setaffinity_np(pthread_self(), sizeof others, &others) == 0)
        pthread_setaffinity_np(pthread_self(), sizeof allowed, &allowed);
}

int lepton_thread_cpu(void) { return sched_getcpu(); }

int lepton_thread_allowed_cpus(int *cpus, int max) {
    cpu_set_t allowed;
    if (pthread_getaffinity_np(pthread_self(), sizeof allowed, &allowed) != 0) return 0;
    int n = 0;
    for (int c = 0; c < CPU_SETSIZE; c++)
        if (CPU_ISSET(c, &allowed)) {
            if (n < max) cpus[n] = c;
            n++;
        }
    return n;
}

int lepton_thread_set_cpus(const int *cpus, int count) {
    cpu_set_t set;
    CPU_ZERO(&set);
    for (int i = 0; i < count; i++)
        if (cpus[i] >= 0 && cpus[i] < CPU_SETSIZE) CPU_SET(cpus[i], &set);
    return pthread_setaffinity_np(pthread_self(), sizeof set, &set);
}
#else
static void leaveCPU(int cpu) { (void)cpu; }
int lepton_thread_cpu(void) { return -1; }
int lepton_thread_allowed_cpus(int *cpus, int max) { (void)cpus; (void)max; return 0; }
int lepton_thread_set_cpus(const int *cpus, int count) { (void)cpus; (void)count; return -1; }
#endif

static long nanoseconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000L + t.tv_nsec;
}

enum { TASK_BITS = 12, MAX_TASKS = (1 << TASK_BITS) - 1 };

static unsigned long claimWord(unsigned long g, int tasks, int next) {
    return (g & (~0UL >> 2 * TASK_BITS)) << 2 * TASK_BITS | (unsigned long)tasks << TASK_BITS | (unsigned long)next;
}

/* The next task of job `g` (its generation) for this participant, or −1 when none is left
   or the job is over. */
static int claimTask(unsigned long g) {
    unsigned long c = atomic_load_explicit(&claim, memory_order_acquire);
    for (;;) {
        if (c >> 2 * TASK_BITS != (g & (~0UL >> 2 * TASK_BITS))) return -1;
        const int tasks = (int)(c >> TASK_BITS & MAX_TASKS), k = (int)(c & MAX_TASKS);
        if (k >= tasks) return -1;
        if (atomic_compare_exchange_weak_explicit(&claim, &c, c + 1, memory_order_acq_rel, memory_order_acquire))
            return k;
    }
}

/* Runs tasks of job g until none is left unclaimed. */
static void runTasks(unsigned long g) {
    for (int k; (k = claimTask(g)) >= 0;) {
        jobFunction(jobContext, k);
        atomic_fetch_add_explicit(&done, 1, memory_order_acq_rel);
    }
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
                leaveCPU(atomic_load_explicit(&callerCPU, memory_order_relaxed));
                sched_yield();      /* a thread sharing this core (the caller's?) runs first */
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
        /* jobThreads may already be a later job's: a hint only, the claim decides */
        if (id >= jobThreads) continue;
        leaveCPU(atomic_load_explicit(&callerCPU, memory_order_relaxed));   /* a task here would wait for the caller's */
        const unsigned saved = GET_CSR();
        int k = claimTask(g);
        if (k < 0) continue;
        SET_CSR(jobCSR);
        do {
            jobFunction(jobContext, k);
            atomic_fetch_add_explicit(&done, 1, memory_order_acq_rel);
        } while ((k = claimTask(g)) >= 0);
        SET_CSR(saved);
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
    if (tasks <= 1 || threads <= 1 || insideJob || tasks > MAX_TASKS) {
        for (int k = 0; k < tasks; k++) function(context, k);
        return;
    }
    pthread_once(&atforkOnce, registerAtfork);
    pthread_mutex_lock(&jobLock);
#if defined(__linux__)
    atomic_store_explicit(&callerCPU, sched_getcpu(), memory_order_relaxed);
#endif
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
    jobThreads = want + 1 < workers + 1 ? want + 1 : workers + 1;
    jobCSR = GET_CSR();
    atomic_store_explicit(&done, 0, memory_order_relaxed);
    const unsigned long g = atomic_load_explicit(&generation, memory_order_relaxed) + 1;
    /* task 0 is the caller's, claimed before publishing: in the usual case each half of a
       batch keeps to its thread (and its core's caches) step after step */
    atomic_store_explicit(&claim, claimWord(g, tasks, 1), memory_order_release);
    atomic_store_explicit(&generation, g, memory_order_release);
    /* Under the lock a worker either has not yet checked the counter (and will see the new
       value) or is counted in `sleepers` (and is woken): no wake-up is lost. */
    pthread_mutex_lock(&sleepLock);
    if (atomic_load(&sleepers) > 0) pthread_cond_broadcast(&wake);
    pthread_mutex_unlock(&sleepLock);
    insideJob = 1;
    function(context, 0);
    atomic_fetch_add_explicit(&done, 1, memory_order_acq_rel);
    runTasks(g);                      /* then any task no worker has taken */
    insideJob = 0;
    for (int spins = 1; atomic_load_explicit(&done, memory_order_acquire) < tasks; spins++) {
        PAUSE();
        if (spins % 1024 == 0) sched_yield();      /* a worker running a task may need this core */
    }
    pthread_mutex_unlock(&jobLock);
}
