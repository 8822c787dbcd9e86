//! On-CPU timing for the benches' `SLANT_BENCH_CPU=1` mode: on a loaded machine divan's
//! wall-clock medians measure the scheduler as much as slant, thread CPU time does not.
//! Included by the benches with `#[path = "common/cpu.rs"] mod cpu;`.

/// This thread's on-CPU time in nanoseconds (first field of `/proc/thread-self/schedstat`),
/// or `None` where the kernel does not expose it.
pub fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// Median on-CPU time of one run of `f`, in seconds, over `rounds` rounds. Each round repeats
/// `f` until it has taken at least 0.25 s of CPU, because some kernels (this machine's among
/// them) account thread CPU time in scheduler ticks of a few milliseconds.
pub fn cpu_median(rounds: usize, mut f: impl FnMut()) -> Option<f64> {
    let a = thread_cpu_ns()?;
    f(); // warm caches and the per-thread buffers; also sizes the rounds
    let once = (thread_cpu_ns()? - a).max(1);
    let reps = (250_000_000 / once).clamp(1, 1000);
    let mut t = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let a = thread_cpu_ns()?;
        for _ in 0..reps {
            f();
        }
        t.push((thread_cpu_ns()? - a) as f64 / 1e9 / reps as f64);
    }
    t.sort_by(f64::total_cmp);
    Some(t[rounds / 2])
}
