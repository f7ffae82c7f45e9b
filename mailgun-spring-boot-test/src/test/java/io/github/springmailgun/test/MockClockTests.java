package io.github.springmailgun.test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class MockClockTests {

	private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	@Test
	void aManualClockRunsDueTasksInTimeOrderWhenAdvanced() {
		MockClock clock = MockClock.manual(START);
		List<String> ran = new ArrayList<>();
		clock.schedule(Duration.ofMinutes(10), () -> ran.add("10 min at " + clock.now()));
		clock.schedule(Duration.ZERO, () -> {
			ran.add("now");
			clock.schedule(Duration.ofMinutes(5), () -> ran.add("5 min, scheduled by a task"));
		});
		assertThat(ran).as("a zero delay waits for the next advance").isEmpty();

		clock.advance(Duration.ofMinutes(7));
		assertThat(ran).containsExactly("now", "5 min, scheduled by a task");
		assertThat(clock.now()).isEqualTo(START.plus(Duration.ofMinutes(7)));

		clock.advance(Duration.ofMinutes(3));
		assertThat(ran).last().isEqualTo("10 min at " + START.plus(Duration.ofMinutes(10)));
		assertThat(clock.pendingTasks()).isZero();
	}

	@Test
	void cancelledTasksNeverRun() {
		MockClock clock = MockClock.manual(START);
		List<String> ran = new ArrayList<>();
		clock.schedule(Duration.ofSeconds(1), () -> ran.add("before the reset"));
		clock.cancelAll();
		clock.schedule(Duration.ofSeconds(1), () -> ran.add("after"));
		clock.advance(Duration.ofSeconds(2));
		assertThat(ran).containsExactly("after");
	}

	@Test
	void theSystemClockCannotBeAdvanced() {
		assertThatIllegalStateException().isThrownBy(() -> MockClock.system().advance(Duration.ofSeconds(1)))
			.withMessageContaining("MockClock.manual");
	}

	@Test
	void aFailingTaskOnTheSystemClockIsLoggedAndLaterTasksStillRun() throws InterruptedException {
		List<LogRecord> records = new CopyOnWriteArrayList<>();
		Handler handler = new Handler() {
			@Override
			public void publish(LogRecord record) {
				records.add(record);
			}

			@Override
			public void flush() {
			}

			@Override
			public void close() {
			}
		};
		Logger logger = Logger.getLogger(MockClock.class.getName());
		logger.addHandler(handler);
		MockClock clock = MockClock.system();
		try {
			CountDownLatch later = new CountDownLatch(1);
			clock.schedule(Duration.ZERO, () -> {
				throw new IllegalStateException("the webhook post broke");
			});
			clock.schedule(Duration.ofMillis(50), later::countDown);
			assertThat(later.await(5, TimeUnit.SECONDS)).isTrue();
			assertThat(records).anySatisfy(record -> assertThat(record.getMessage()).contains("the webhook post broke"));
		}
		finally {
			clock.close();
			logger.removeHandler(handler);
		}
	}

	@Test
	void aFailingTaskOnAManualClockFailsTheAdvance() {
		MockClock clock = MockClock.manual(START);
		clock.schedule(Duration.ZERO, () -> {
			throw new IllegalStateException("broke");
		});
		assertThatIllegalStateException().isThrownBy(() -> clock.advance(Duration.ofSeconds(1))).withMessage("broke");
	}

}
