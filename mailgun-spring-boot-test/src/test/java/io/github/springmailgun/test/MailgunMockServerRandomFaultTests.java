package io.github.springmailgun.test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * {@link MailgunMockServer#failRandomly(double, MockFault)}: a share of requests fails, the share is
 * what was asked for, a seed makes it repeatable, and concurrent requests neither lose nor share draws.
 */
class MailgunMockServerRandomFaultTests {

	private static final String SEND_BODY = RawHttp.urlEncoded("from", "a@mg.example.com", "to", "b@example.com",
			"subject", "s", "text", "t");

	private final List<MailgunMockServer> mocks = new ArrayList<>();

	@AfterEach
	void stop() {
		this.mocks.forEach(MailgunMockServer::close);
	}

	private MailgunMockServer start(long seed) {
		MailgunMockServer mock = MailgunMockServer.builder().faultSeed(seed).start();
		this.mocks.add(mock);
		return mock;
	}

	private static List<Integer> domainLookups(MailgunMockServer mock, int count) {
		RawHttp http = new RawHttp(mock);
		List<Integer> statuses = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			statuses.add(http.get("/v4/domains/" + mock.domain()).statusCode());
		}
		return statuses;
	}

	/** What the draws of a fresh sequence give for one fault with the given probability. */
	private static List<Integer> expected(long seed, int count, double probability, int status) {
		Random random = new Random(seed);
		List<Integer> statuses = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			statuses.add((random.nextDouble() < probability) ? status : 200);
		}
		return statuses;
	}

	@Test
	void failsTheShareOfRequestsAskedForWithFaultsThatDoNotOverlap() {
		MailgunMockServer mock = start(MailgunMockServer.DEFAULT_FAULT_SEED);
		mock.failRandomly(0.05, MockFault.serviceUnavailable()).failRandomly(0.01, MockFault.rateLimited());

		List<Integer> statuses = domainLookups(mock, 1000);

		// The draws are fixed by the seed, so these are exact, computed from the same sequence.
		Random random = new Random(MailgunMockServer.DEFAULT_FAULT_SEED);
		List<Integer> expected = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			double draw = random.nextDouble();
			expected.add((draw < 0.05) ? 503 : (draw < 0.06) ? 429 : 200);
		}
		assertThat(statuses).isEqualTo(expected);
		// And they are near the shares asked for (about 50 and 10 of 1,000).
		assertThat(statuses.stream().filter(s -> s == 503).count()).isBetween(30L, 75L);
		assertThat(statuses.stream().filter(s -> s == 429).count()).isBetween(3L, 22L);
		assertThat(mock.requestCount()).isEqualTo(1000);
	}

	@Test
	void theSameSeedFailsTheSameRequestsAndAnotherSeedOthers() {
		MailgunMockServer first = start(7);
		MailgunMockServer second = start(7);
		MailgunMockServer other = start(8);
		for (MailgunMockServer mock : this.mocks) {
			mock.failRandomly(0.3, MockFault.serverError());
		}

		List<Integer> statuses = domainLookups(first, 60);

		assertThat(statuses).isEqualTo(expected(7, 60, 0.3, 500)).contains(500, 200);
		assertThat(domainLookups(second, 60)).isEqualTo(statuses);
		assertThat(domainLookups(other, 60)).isNotEqualTo(statuses);
	}

	@Test
	void queuedFaultsComeFirstAndUnknownPathsDoNotDraw() {
		MailgunMockServer mock = start(11);
		mock.failRandomly(0.5, MockFault.serviceUnavailable());
		mock.failNext(2, MockFault.status(418, "teapot"));
		RawHttp http = new RawHttp(mock);

		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 42; i++) {
			assertThat(http.get("/v3/no/such/path").statusCode()).isEqualTo(404);
			statuses.add(http.get("/v4/domains/" + mock.domain()).statusCode());
		}

		assertThat(statuses.subList(0, 2)).containsExactly(418, 418);
		// Neither the queued faults nor the 404s used up a number of the sequence.
		assertThat(statuses.subList(2, 42)).isEqualTo(expected(11, 40, 0.5, 503));
	}

	@Test
	void concurrentRequestsEachDrawOnceAndFaultedSendsAreNotRecorded() {
		MailgunMockServer mock = start(3);
		mock.failRandomly(0.2, MockFault.serviceUnavailable());
		RawHttp http = new RawHttp(mock);
		int count = 200;

		List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			HttpRequest request = HttpRequest.newBuilder(http.uri(http.messagesPath()))
				.timeout(Duration.ofSeconds(10))
				.header("Authorization", http.auth())
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(SEND_BODY))
				.build();
			responses.add(http.client().sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
		}
		List<Integer> statuses = responses.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();

		// Whatever order they arrived in, the 200 requests drew the first 200 numbers, once each.
		long expectedFaults = expected(3, count, 0.2, 503).stream().filter(s -> s == 503).count();
		assertThat(statuses).containsOnly(200, 503);
		assertThat(statuses.stream().filter(s -> s == 503).count()).isEqualTo(expectedFaults);
		assertThat(mock.sentMessages()).hasSize(count - (int) expectedFaults);
		assertThat(mock.requestCount()).isEqualTo(count);
	}

	@Test
	void resetRemovesRandomFaultsAndRestartsTheSequence() {
		MailgunMockServer mock = start(5);
		mock.failRandomly(0.4, MockFault.serverError());
		List<Integer> before = domainLookups(mock, 30);

		mock.reset();
		assertThat(domainLookups(mock, 10)).containsOnly(200);

		mock.reset();
		mock.failRandomly(0.4, MockFault.serverError());
		assertThat(domainLookups(mock, 30)).isEqualTo(before).contains(500);
	}

	@Test
	void aProbabilityOfOneFailsEveryRequest() {
		MailgunMockServer mock = start(1);
		mock.failRandomly(0.7, MockFault.serverError())
			.failRandomly(0.2, MockFault.serviceUnavailable())
			.failRandomly(0.1, MockFault.status(502, "Bad Gateway"));

		// 0.7 + 0.2 + 0.1 is not exactly 1 in binary, and is still accepted; no request gets through.
		assertThat(domainLookups(mock, 60)).containsOnly(500, 503, 502).contains(500, 503);
	}

	@Test
	void refusesProbabilitiesOutOfRange() {
		MailgunMockServer mock = start(1);
		for (double probability : new double[] { 0, -0.1, 1.01, Double.NaN, Double.POSITIVE_INFINITY }) {
			assertThatIllegalArgumentException().isThrownBy(() -> mock.failRandomly(probability, MockFault.serverError()))
				.withMessageContaining("probability must be above 0 and at most 1");
		}
		mock.failRandomly(0.6, MockFault.serverError());
		assertThatIllegalArgumentException().isThrownBy(() -> mock.failRandomly(0.5, MockFault.serverError()))
			.withMessageContaining("add up to more than 1");
		assertThatNullPointerException().isThrownBy(() -> mock.failRandomly(0.1, null));
		// The refused ones were not added: 0.4 more still fits.
		mock.failRandomly(0.4, MockFault.serviceUnavailable());
	}

}
