package io.github.springmailgun.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Schedulers;

/**
 * Drives one client at a fixed concurrency for a fixed time: each of the {@code concurrency} slots
 * starts its next send as soon as its previous one ends (a closed loop). Non-blocking clients run on
 * their own event loops; a blocking client gets one thread per slot.
 */
final class LoadRun {

	private static final com.sun.management.OperatingSystemMXBean OS = (com.sun.management.OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private static final String LOAD_THREAD_PREFIX = "load-";

	private LoadRun() {
	}

	/**
	 * Runs the client and measures it.
	 * @param client the client
	 * @param concurrency sends in flight
	 * @param duration how long to send
	 * @return what was measured
	 * @throws InterruptedException when interrupted
	 */
	static Result run(SendClient client, int concurrency, Duration duration) throws InterruptedException {
		Slot[] slots = new Slot[concurrency];
		for (int i = 0; i < concurrency; i++) {
			slots[i] = new Slot(client);
		}
		Snapshot before = Snapshot.take();
		long start = System.nanoTime();
		long deadline = start + duration.toNanos();
		CountDownLatch done = new CountDownLatch(concurrency);
		List<Thread> threads = new ArrayList<>();
		for (Slot slot : slots) {
			slot.deadline = deadline;
			slot.done = done;
			if (client.blocking()) {
				Thread thread = new Thread(slot::loopBlocking, LOAD_THREAD_PREFIX + threads.size());
				thread.setDaemon(true);
				threads.add(thread);
				thread.start();
			}
			else {
				slot.next();
			}
		}
		if (!done.await(duration.toMillis() + 60_000, TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException("sends still in flight 60 s after the end of the run");
		}
		long elapsed = System.nanoTime() - start;
		Snapshot after = Snapshot.take();
		long sends = 0;
		long errors = 0;
		long loadThreadBytes = 0;
		@Nullable Throwable firstError = null;
		LongArray latencies = new LongArray();
		for (Slot slot : slots) {
			sends += slot.sends;
			loadThreadBytes += slot.allocatedBytes;
			errors += slot.errors.get();
			latencies.addAll(slot.latencies);
			if (firstError == null) {
				firstError = slot.firstError.get();
			}
		}
		long[] sorted = latencies.sorted();
		return new Result(concurrency, sends, errors, elapsed, after.cpuNanos - before.cpuNanos,
				after.allocatedSince(before) + loadThreadBytes, percentile(sorted, 0.50), percentile(sorted, 0.99),
				(firstError != null) ? firstError.toString() : null);
	}

	private static long percentile(long[] sorted, double fraction) {
		if (sorted.length == 0) {
			return 0;
		}
		int index = (int) Math.ceil(fraction * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
	}

	/**
	 * What one run measured.
	 *
	 * @param concurrency sends in flight
	 * @param sends completed sends (errors excluded)
	 * @param errors failed sends
	 * @param nanos the run's wall time
	 * @param cpuNanos process CPU time, the in-process stub's threads excluded
	 * @param allocatedBytes bytes allocated by every thread but the stub's
	 * @param p50Nanos median latency
	 * @param p99Nanos 99th percentile latency
	 * @param firstError the first failure, or {@code null}
	 */
	record Result(int concurrency, long sends, long errors, long nanos, long cpuNanos, long allocatedBytes,
			long p50Nanos, long p99Nanos, @Nullable String firstError) {

		double sendsPerSecond() {
			return this.sends * 1e9 / this.nanos;
		}

		double cpuMillisPerSend() {
			return (this.sends == 0) ? Double.NaN : this.cpuNanos / 1e6 / this.sends;
		}

		double kilobytesPerSend() {
			return (this.sends == 0) ? Double.NaN : this.allocatedBytes / 1024.0 / this.sends;
		}

	}

	/**
	 * Process CPU and per-thread allocation, leaving out the in-process stub's threads. Threads that end
	 * during a run take their counts with them, so the blocking driver's threads report their own.
	 */
	private record Snapshot(long cpuNanos, Map<Long, Long> allocated) {

		static Snapshot take() {
			long[] ids = THREADS.getAllThreadIds();
			ThreadInfo[] infos = THREADS.getThreadInfo(ids);
			long[] allocated = THREADS.getThreadAllocatedBytes(ids);
			long stubCpu = 0;
			Map<Long, Long> perThread = new HashMap<>();
			for (int i = 0; i < ids.length; i++) {
				if (infos[i] == null) {
					continue;
				}
				String name = infos[i].getThreadName();
				if (name.startsWith(StubServer.THREAD_PREFIX)) {
					stubCpu += Math.max(THREADS.getThreadCpuTime(ids[i]), 0);
				}
				else if (!name.startsWith(LOAD_THREAD_PREFIX) && allocated[i] >= 0) {
					perThread.put(ids[i], allocated[i]);
				}
			}
			return new Snapshot(OS.getProcessCpuTime() - stubCpu, perThread);
		}

		long allocatedSince(Snapshot before) {
			long total = 0;
			for (Map.Entry<Long, Long> entry : this.allocated.entrySet()) {
				total += entry.getValue() - before.allocated.getOrDefault(entry.getKey(), 0L);
			}
			return total;
		}

	}

	private static final class Slot {

		private final SendClient client;

		private final LongArray latencies = new LongArray();

		private final AtomicLong errors = new AtomicLong();

		private final AtomicReference<Throwable> firstError = new AtomicReference<>();

		private long sends;

		private long allocatedBytes;

		private long deadline;

		private @Nullable CountDownLatch done;

		private long started;

		Slot(SendClient client) {
			this.client = client;
		}

		void next() {
			if (System.nanoTime() - this.deadline >= 0) {
				this.done.countDown();
				return;
			}
			this.started = System.nanoTime();
			this.client.send().subscribe(id -> {
			}, this::failed, this::succeeded);
		}

		private void succeeded() {
			this.latencies.add(System.nanoTime() - this.started);
			this.sends++;
			next();
		}

		private void failed(Throwable error) {
			this.errors.incrementAndGet();
			this.firstError.compareAndSet(null, error);
			// A failure may be synchronous: continue on another thread rather than recursing.
			Schedulers.parallel().schedule(this::next);
		}

		void loopBlocking() {
			long allocatedAtStart = THREADS.getCurrentThreadAllocatedBytes();
			try {
				while (System.nanoTime() - this.deadline < 0) {
					long start = System.nanoTime();
					try {
						this.client.sendBlocking();
						this.latencies.add(System.nanoTime() - start);
						this.sends++;
					}
					catch (Exception ex) {
						this.errors.incrementAndGet();
						this.firstError.compareAndSet(null, ex);
					}
				}
			}
			finally {
				this.allocatedBytes = THREADS.getCurrentThreadAllocatedBytes() - allocatedAtStart;
				this.done.countDown();
			}
		}

	}

	/** A growable array of longs, so recording a latency allocates (almost) nothing. */
	static final class LongArray {

		private long[] values = new long[4096];

		private int size;

		void add(long value) {
			if (this.size == this.values.length) {
				this.values = Arrays.copyOf(this.values, this.size * 2);
			}
			this.values[this.size++] = value;
		}

		void addAll(LongArray other) {
			for (int i = 0; i < other.size; i++) {
				add(other.values[i]);
			}
		}

		long[] sorted() {
			long[] copy = Arrays.copyOf(this.values, this.size);
			Arrays.sort(copy);
			return copy;
		}

	}

}
