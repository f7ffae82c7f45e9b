package io.github.springmailgun.test;

import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * {@link MailgunMockExtension}, run on sample test classes with the JUnit test kit: when the server
 * starts, resets and stops, and what it injects.
 */
class MailgunMockExtensionTests {

	private static Events run(Class<?> testClass) {
		return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().testEvents();
	}

	private static void assertStopped(MailgunMockServer server) {
		assertThat(server.isClosed()).isTrue();
		assertThatExceptionOfType(ConnectException.class)
			.isThrownBy(() -> new Socket(server.baseUrl().getHost(), server.port()).close());
	}

	private static int send(MailgunMockServer mock) {
		return new RawHttp(mock)
			.post("/v3/" + mock.domain() + "/messages", "application/x-www-form-urlencoded",
					RawHttp.urlEncoded("from", "a@" + mock.domain(), "to", "b@example.com", "text", "x")
						.getBytes(StandardCharsets.UTF_8))
			.statusCode();
	}

	@Test
	void startsOneServerPerClassResetsItBeforeEachTestAndStopsIt() {
		DeclarativeSample.seen.clear();

		Events events = run(DeclarativeSample.class);

		events.assertStatistics(stats -> stats.started(2).succeeded(2).failed(0));
		// Two constructors (one instance per test), @BeforeAll, and both tests.
		assertThat(DeclarativeSample.seen).hasSize(5);
		assertThat(DeclarativeSample.seen).allSatisfy(server -> assertThat(server).isSameAs(DeclarativeSample.seen.get(0)));
		assertStopped(DeclarativeSample.seen.get(0));
	}

	@Test
	void usesTheConfiguredServerFromAStaticFieldAndSharesItWithNestedClasses() {
		RegisteredSample.seen.clear();

		Events events = run(RegisteredSample.class);

		events.assertStatistics(stats -> stats.started(2).succeeded(2).failed(0));
		assertThat(RegisteredSample.seen).hasSize(3).allSatisfy(server -> {
			assertThat(server).isSameAs(RegisteredSample.seen.get(0));
			assertThat(server.apiKey()).isEqualTo("sample-key");
			assertThat(server.domain()).isEqualTo("mg.shop.test");
		});
		assertStopped(RegisteredSample.seen.get(0));
		assertThatIllegalStateException().isThrownBy(RegisteredSample.mailgun::server)
			.withMessageContaining("runs only while the tests");
	}

	@Test
	void runsOneServerPerTestWhenRegisteredOnAnInstanceField() {
		PerTestSample.seen.clear();

		Events events = run(PerTestSample.class);

		events.assertStatistics(stats -> stats.started(2).succeeded(2).failed(0));
		assertThat(PerTestSample.seen).hasSize(2);
		assertThat(PerTestSample.seen.get(0)).isNotSameAs(PerTestSample.seen.get(1));
		PerTestSample.seen.forEach(MailgunMockExtensionTests::assertStopped);
	}

	@Test
	void failsTestsThatExpectAMessageWhenNoneWasSent() {
		Events events = run(ForgetfulSample.class);

		events.assertStatistics(stats -> stats.started(1).failed(1));
		assertThat(events.failed().stream()
			.map(event -> event.getPayload(org.junit.platform.engine.TestExecutionResult.class)
				.flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
				.orElseThrow())).singleElement()
			.isInstanceOf(AssertionError.class)
			.satisfies(error -> assertThat(error.getMessage()).startsWith("No message was accepted by the Mailgun mock"));
	}

	@ExtendWith(MailgunMockExtension.class)
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	static class DeclarativeSample {

		static final List<MailgunMockServer> seen = new CopyOnWriteArrayList<>();

		private final MailgunMockServer fromConstructor;

		DeclarativeSample(MailgunMockServer mock) {
			this.fromConstructor = mock;
			seen.add(mock);
		}

		@BeforeAll
		static void beforeAll(MailgunMockServer mock) {
			seen.add(mock);
		}

		@Test
		@Order(1)
		void first(MailgunMockServer mock) {
			seen.add(mock);
			assertThat(mock).isSameAs(this.fromConstructor);
			assertThat(send(mock)).isEqualTo(200);
			mock.failNext(MockFault.serverError());
			assertThat(mock.sentMessages()).hasSize(1);
		}

		@Test
		@Order(2)
		void second(MailgunMockServer mock) {
			seen.add(mock);
			// Reset before this test: the message and the fault queued by the first are gone.
			assertThat(mock.sentMessages()).isEmpty();
			assertThat(mock.requestCount()).isZero();
			assertThat(send(mock)).isEqualTo(200);
		}

	}

	static class RegisteredSample {

		static final List<MailgunMockServer> seen = new CopyOnWriteArrayList<>();

		@RegisterExtension
		static final MailgunMockExtension mailgun = new MailgunMockExtension(
				MailgunMockServer.builder().apiKey("sample-key").domain("mg.shop.test"));

		@BeforeAll
		static void captureBeforeAll() {
			seen.add(mailgun.server());
		}

		@Test
		void usesTheConfiguredServer(MailgunMockServer mock) {
			seen.add(mock);
			assertThat(mock).isSameAs(mailgun.server());
			assertThat(send(mock)).isEqualTo(200);
		}

		@Nested
		class Inner {

			@Test
			void sharesTheEnclosingServer(MailgunMockServer mock) {
				seen.add(mock);
				assertThat(mock.sentMessages()).isEmpty();
			}

		}

	}

	static class PerTestSample {

		static final List<MailgunMockServer> seen = new CopyOnWriteArrayList<>();

		@RegisterExtension
		final MailgunMockExtension mailgun = new MailgunMockExtension();

		@Test
		void one(MailgunMockServer mock) {
			seen.add(mock);
			assertThat(mock).isSameAs(this.mailgun.server());
		}

		@Test
		void two(MailgunMockServer mock) {
			seen.add(mock);
			assertThat(mock).isSameAs(this.mailgun.server());
		}

	}

	@ExtendWith(MailgunMockExtension.class)
	static class ForgetfulSample {

		@Test
		void expectsAMessage(MailgunMockServer mock) {
			mock.lastMessage();
		}

	}

}
