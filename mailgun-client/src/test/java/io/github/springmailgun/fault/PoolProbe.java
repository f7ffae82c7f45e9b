package io.github.springmailgun.fault;

import java.util.concurrent.atomic.AtomicReference;

import reactor.netty.resources.ConnectionPoolMetrics;
import reactor.netty.resources.ConnectionProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Watches a Reactor Netty connection pool's metrics, so a fault test can prove that no connection was
 * left acquired or waiting once its sends ended.
 */
final class PoolProbe {

	private final AtomicReference<ConnectionPoolMetrics> metrics = new AtomicReference<>();

	/**
	 * Registers this probe as the builder's metrics recorder.
	 * @param builder the pool builder
	 * @return the builder
	 */
	ConnectionProvider.Builder watch(ConnectionProvider.Builder builder) {
		return builder.metrics(true, () -> (poolName, id, remoteAddress, metrics) -> this.metrics.set(metrics));
	}

	/** Waits briefly for connections still being released, then asserts none is acquired or pending. */
	void assertNoConnectionLeft() throws InterruptedException {
		for (int i = 0; i < 50 && this.metrics.get() != null && this.metrics.get().acquiredSize() > 0; i++) {
			Thread.sleep(20);
		}
		assertThat(this.metrics.get()).as("pool metrics were registered").isNotNull();
		assertThat(this.metrics.get().acquiredSize()).as("acquired connections").isZero();
		assertThat(this.metrics.get().pendingAcquireSize()).as("pending acquires").isZero();
	}

}
