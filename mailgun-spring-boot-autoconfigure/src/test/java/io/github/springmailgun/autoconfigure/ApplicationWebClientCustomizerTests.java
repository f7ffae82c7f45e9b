package io.github.springmailgun.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.springmailgun.BlockingMailgunOperations;
import io.github.springmailgun.message.MailgunMessage;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's own {@link WebClientCustomizer}s apply to the Mailgun client (HTTP client metrics and
 * tracing come that way), but a filter they add, one that logs headers for example, never sees the
 * Basic credentials: the client adds them innermost, after every such filter.
 */
class ApplicationWebClientCustomizerTests {

	// Started before each test and closed after it by OkHttp's JUnit extension.
	@StartStop
	private final MockWebServer server = new MockWebServer();

	@Test
	void headerLoggingFilterOfTheApplicationNeverSeesTheCredentials() throws Exception {
		this.server.enqueue(new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/json")
			.body("{\"id\":\"<1@mg.example.com>\",\"message\":\"Queued. Thank you.\"}")
			.build());
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MailgunAutoConfiguration.class, WebClientAutoConfiguration.class))
			.withUserConfiguration(HeaderRecordingConfiguration.class)
			.withPropertyValues("mailgun.api-key=key-customizer-secret", "mailgun.domain=mg.example.com",
					"mailgun.base-url=" + this.server.url("/"))
			.run((context) -> {
				context.getBean(BlockingMailgunOperations.class)
					.send(MailgunMessage.builder().from("shop@mg.example.com").to("a@example.com").text("t").build());
				List<ClientRequest> seen = context.getBean(HeaderRecordingConfiguration.class).requests;
				assertThat(seen).singleElement().satisfies((request) -> {
					assertThat(request.url().getPath()).isEqualTo("/v3/mg.example.com/messages");
					assertThat(request.headers().containsHeader(HttpHeaders.AUTHORIZATION)).isFalse();
					assertThat(request.headers().toString()).doesNotContain("key-customizer-secret")
						.doesNotContainIgnoringCase("basic");
				});
			});
		RecordedRequest received = this.server.takeRequest();
		assertThat(received.getHeaders().get(HttpHeaders.AUTHORIZATION)).startsWith("Basic ");
	}

	@Configuration(proxyBeanMethods = false)
	static class HeaderRecordingConfiguration {

		final List<ClientRequest> requests = new CopyOnWriteArrayList<>();

		@Bean
		WebClientCustomizer headerLoggingCustomizer() {
			return (builder) -> builder.filter(ExchangeFilterFunction.ofRequestProcessor((request) -> {
				this.requests.add(request);
				return reactor.core.publisher.Mono.just(request);
			}));
		}

	}

}
