package io.github.springmailgun.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import io.github.springmailgun.MailgunClientSettings;
import io.github.springmailgun.MailgunTemplate;
import io.github.springmailgun.MailgunRetryPolicy;
import io.github.springmailgun.error.MailgunApiException;
import io.github.springmailgun.error.MailgunRateLimitException;
import io.github.springmailgun.error.MailgunServerException;
import io.github.springmailgun.message.MailgunMessage;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionPoolMetrics;
import reactor.netty.resources.ConnectionProvider;
import reactor.util.context.Context;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 10,000 sends at a concurrency of 200 through a real {@link MailgunTemplate} with its default retry
 * policy, against the mock answering 5% of requests with 503 and 1% with 429: every send is accounted
 * for. Each ends exactly once, either accepted (and then recorded by the mock exactly once) or failed
 * with a typed error the caller saw (and then never recorded). 429s are retried after the hint, 503s
 * on a send are not. The figures are printed so that CI output shows them.
 *
 * <p>
 * Three independent records are compared: what the caller got, what the mock recorded (by the
 * {@code v:seq} variable of each message), and the status of every attempt on the wire (a
 * {@code WebClient} filter that reads the send's number from the Reactor context).
 */
class SendLoadTests {

	private static final int SENDS = 10_000;

	private static final int CONCURRENCY = 200;

	private static final double SERVICE_UNAVAILABLE_SHARE = 0.05;

	private static final double RATE_LIMITED_SHARE = 0.01;

	private static final Duration RATE_LIMIT_HINT = Duration.ofMillis(50);

	private static final String SEQ = "load-test-seq";

	private final MailgunMockServer mock = MailgunMockServer.start();

	private final AtomicReference<ConnectionPoolMetrics> pool = new AtomicReference<>();

	// Big enough for every send to have its own connection: a pool of 16 (the default size on two
	// cores) with its queue of 32 would refuse most of them before anything reaches the mock.
	private final ConnectionProvider provider = ConnectionProvider.builder("load-test")
		.maxConnections(CONCURRENCY)
		.metrics(true, () -> (poolName, id, remoteAddress, metrics) -> this.pool.set(metrics))
		.build();

	/** The HTTP status of every attempt of every send, in order, by the send's number. */
	private final Map<Integer, List<Integer>> attempts = new ConcurrentHashMap<>();

	private final AtomicInteger attemptsWithoutNumber = new AtomicInteger();

	@AfterEach
	void stop() {
		this.provider.disposeLater().block(Duration.ofSeconds(5));
		this.mock.close();
	}

	@Test
	void everySendIsAcceptedOnceOrFailsWithAnErrorTheCallerSees() throws InterruptedException {
		this.mock.failRandomly(SERVICE_UNAVAILABLE_SHARE, MockFault.serviceUnavailable())
			.failRandomly(RATE_LIMITED_SHARE, MockFault.rateLimited(RATE_LIMIT_HINT));
		MailgunTemplate client = client();

		long start = System.nanoTime();
		List<Outcome> outcomes = Flux.range(0, SENDS)
			.flatMap(seq -> client.send(message(seq))
				.map(response -> new Outcome(seq, response.id(), null))
				.onErrorResume(error -> Mono.just(new Outcome(seq, null, error)))
				.contextWrite(Context.of(SEQ, seq)), CONCURRENCY)
			.collectList()
			.block(Duration.ofSeconds(120));
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

		List<Outcome> accepted = outcomes.stream().filter(Outcome::isAccepted).toList();
		List<Outcome> failed = outcomes.stream().filter(outcome -> !outcome.isAccepted()).toList();
		Map<Integer, List<MockMessage>> recorded = this.mock.sentMessages()
			.stream()
			.collect(Collectors.groupingBy(message -> Integer.valueOf(message.variable("seq"))));
		Map<Integer, Integer> duplicates = new TreeMap<>();
		recorded.forEach((seq, messages) -> {
			if (messages.size() > 1) {
				duplicates.put(seq, messages.size());
			}
		});
		Set<Integer> failedButRecorded = failed.stream()
			.map(Outcome::seq)
			.filter(recorded::containsKey)
			.collect(Collectors.toCollection(TreeSet::new));
		int totalAttempts = this.attempts.values().stream().mapToInt(List::size).sum();
		// Printed before the assertions, so that a failing run shows its numbers too.
		Figures figures = new Figures(accepted, failed, recorded.size(), duplicates.size() + failedButRecorded.size(),
				this.attempts, elapsed);
		System.out.println(figures.table());

		// What the caller saw: one outcome per send, each either accepted or a typed failure.
		assertThat(outcomes).hasSize(SENDS);
		assertThat(outcomes.stream().map(Outcome::seq).distinct().count()).as("sends with an outcome").isEqualTo(SENDS);
		assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.isAccepted()).isNotEqualTo(outcome.error() != null));
		assertThat(failed).allSatisfy(outcome -> assertThat(outcome.error())
			.isInstanceOfAny(MailgunServerException.class, MailgunRateLimitException.class));
		assertThat(failed).filteredOn(outcome -> outcome.error() instanceof MailgunServerException)
			.allSatisfy(outcome -> assertThat(((MailgunApiException) outcome.error()).getStatusCode()).isEqualTo(503));

		// What the mock recorded: each accepted send once, under the id the caller got; no failed send.
		assertThat(duplicates).as("sends recorded more than once").isEmpty();
		assertThat(failedButRecorded).as("sends that failed for the caller but reached the mock").isEmpty();
		assertThat(recorded.keySet()).as("recorded sends")
			.isEqualTo(accepted.stream().map(Outcome::seq).collect(Collectors.toSet()));
		assertThat(accepted).allSatisfy(
				outcome -> assertThat(recorded.get(outcome.seq()).get(0).id()).isEqualTo(outcome.messageId()));

		// What went over the wire: only 429s were followed by another attempt, at most as many as the
		// policy allows, and the last attempt decided the outcome.
		assertThat(this.attemptsWithoutNumber).as("attempts the filter could not tie to a send").hasValue(0);
		assertThat(this.attempts).hasSize(SENDS);
		Map<Integer, List<Integer>> wrongSequences = new TreeMap<>();
		for (Outcome outcome : outcomes) {
			List<Integer> statuses = this.attempts.get(outcome.seq());
			int last = statuses.get(statuses.size() - 1);
			int expectedLast = outcome.isAccepted() ? 200 : ((MailgunApiException) outcome.error()).getStatusCode();
			if (last != expectedLast || !statuses.subList(0, statuses.size() - 1).stream().allMatch(s -> s == 429)
					|| statuses.size() > MailgunRetryPolicy.DEFAULT.maxAttempts()) {
				wrongSequences.put(outcome.seq(), statuses);
			}
		}
		assertThat(wrongSequences).as("sends whose attempts do not match their outcome").isEmpty();
		assertThat(this.mock.requestCount()).as("requests the mock received").isEqualTo(totalAttempts);

		// The faults came in about the shares asked for (bounds far outside chance).
		assertThat(figures.injected503).isBetween((int) (totalAttempts * 0.035), (int) (totalAttempts * 0.065));
		assertThat(figures.injected429).isBetween((int) (totalAttempts * 0.005), (int) (totalAttempts * 0.016));
		assertThat(figures.acceptedAfter429).isPositive();
		assertNoConnectionLeft();
	}

	private MailgunTemplate client() {
		// Records each attempt's status under the number of the send it belongs to; retries are new
		// subscriptions to the exchange, so they pass the filter again with the same context.
		ExchangeFilterFunction recorder = (request, next) -> Mono.deferContextual(context -> {
			Integer seq = context.getOrDefault(SEQ, null);
			if (seq == null) {
				this.attemptsWithoutNumber.incrementAndGet();
				return next.exchange(request);
			}
			return next.exchange(request)
				.doOnNext(response -> record(seq, response.statusCode().value()))
				.doOnError(error -> record(seq, -1));
		});
		HttpClient httpClient = HttpClient.create(this.provider);
		return new MailgunTemplate(MailgunClientSettings.builder(this.mock.apiKey(), this.mock.domain())
			.baseUrl(this.mock.baseUrl())
			.build(), WebClient.builder().clientConnector(new ReactorClientHttpConnector(httpClient)).filter(recorder));
	}

	private void record(int seq, int status) {
		this.attempts.compute(seq, (key, statuses) -> {
			List<Integer> list = (statuses != null) ? statuses : new ArrayList<>(1);
			list.add(status);
			return list;
		});
	}

	private static MailgunMessage message(int seq) {
		return MailgunMessage.builder()
			.from("Shop <shop@mg.example.com>")
			.to("customer" + seq + "@example.com")
			.subject("Order " + seq)
			.text("Your order " + seq + " ships today.")
			.variable("seq", Integer.toString(seq))
			.build();
	}

	private void assertNoConnectionLeft() throws InterruptedException {
		for (int i = 0; i < 100 && this.pool.get() != null && this.pool.get().acquiredSize() > 0; i++) {
			Thread.sleep(20);
		}
		assertThat(this.pool.get()).as("pool metrics were registered").isNotNull();
		assertThat(this.pool.get().acquiredSize()).as("acquired connections").isZero();
		assertThat(this.pool.get().pendingAcquireSize()).as("pending acquires").isZero();
	}

	/**
	 * How one send ended for the caller.
	 *
	 * @param seq the number of the send
	 * @param messageId the id Mailgun answered with, when accepted
	 * @param error what the caller got, when it failed
	 */
	private record Outcome(int seq, @Nullable String messageId, @Nullable Throwable error) {

		boolean isAccepted() {
			return this.messageId != null;
		}

	}

	/** The numbers of a run, for the table in the test output. */
	private static final class Figures {

		final int accepted;

		final int acceptedAfter429;

		final Map<String, Integer> failedByType = new TreeMap<>();

		final int recorded;

		final int lostOrDuplicated;

		final int injected503;

		final int injected429;

		final int totalAttempts;

		final Duration elapsed;

		Figures(List<Outcome> accepted, List<Outcome> failed, int recorded, int lostOrDuplicated,
				Map<Integer, List<Integer>> attempts, Duration elapsed) {
			this.accepted = accepted.size();
			this.acceptedAfter429 = (int) accepted.stream()
				.filter(outcome -> attempts.getOrDefault(outcome.seq(), List.of()).contains(429))
				.count();
			for (Outcome outcome : failed) {
				Throwable error = outcome.error();
				String type = error.getClass().getSimpleName()
						+ ((error instanceof MailgunApiException api) ? " " + api.getStatusCode() : "");
				this.failedByType.merge(type, 1, Integer::sum);
			}
			this.recorded = recorded;
			this.lostOrDuplicated = lostOrDuplicated;
			Map<Integer, Integer> byStatus = new HashMap<>();
			attempts.values().forEach(statuses -> statuses.forEach(status -> byStatus.merge(status, 1, Integer::sum)));
			this.injected503 = byStatus.getOrDefault(503, 0);
			this.injected429 = byStatus.getOrDefault(429, 0);
			this.totalAttempts = attempts.values().stream().mapToInt(List::size).sum();
			this.elapsed = elapsed;
		}

		String table() {
			StringBuilder table = new StringBuilder();
			table.append(String.format("%nLoad test: %,d sends at concurrency %d; the mock answers %.0f%% of requests"
					+ " with 503 and %.0f%% with 429 (hint %d ms); default retry policy%n", SENDS, CONCURRENCY,
					SERVICE_UNAVAILABLE_SHARE * 100, RATE_LIMITED_SHARE * 100, RATE_LIMIT_HINT.toMillis()));
			row(table, "accepted", this.accepted);
			row(table, "  of which after a 429 and a retry", this.acceptedAfter429);
			this.failedByType.forEach((type, count) -> row(table, "failed: " + type, count));
			row(table, "recorded by the mock", this.recorded);
			row(table, "failed but recorded, or recorded twice", this.lostOrDuplicated);
			row(table, "requests on the wire", this.totalAttempts);
			row(table, "  answered 503 (a send: not retried)", this.injected503);
			row(table, "  answered 429 (retried after the hint)", this.injected429);
			row(table, "  retries", this.totalAttempts - SENDS);
			table.append(String.format("  %-40s %8.1f s (%,.0f sends/s)%n", "elapsed", this.elapsed.toMillis() / 1000.0,
					SENDS * 1000.0 / Math.max(1, this.elapsed.toMillis())));
			row(table, "connection pool size", CONCURRENCY);
			return table.toString();
		}

		private static void row(StringBuilder table, String label, int count) {
			table.append(String.format("  %-40s %,8d%n", label, count));
		}

	}

}
