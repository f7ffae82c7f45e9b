package io.github.springmailgun.autoconfigure;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

import io.github.springmailgun.BlockingMailgunOperations;
import io.github.springmailgun.MailgunClientSettings;
import io.github.springmailgun.MailgunOperations;
import io.github.springmailgun.MailgunRegion;
import io.github.springmailgun.MailgunTemplate;
import io.github.springmailgun.message.MailgunMessage;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

class MailgunAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MailgunAutoConfiguration.class, WebClientAutoConfiguration.class));

	// Started before each test and closed after it by OkHttp's JUnit extension.
	@StartStop
	private final MockWebServer server = new MockWebServer();

	private String serverUrl() {
		return this.server.url("/").toString();
	}

	private static MailgunMessage message() {
		return MailgunMessage.builder().from("shop@mg.example.com").to("a@example.com").subject("s").text("t").build();
	}

	private void accept() {
		this.server.enqueue(new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/json")
			.body("{\"id\":\"<1@mg.example.com>\",\"message\":\"Queued. Thank you.\"}")
			.build());
	}

	@Test
	void configuresTheClientFromProperties() {
		this.contextRunner
			.withPropertyValues("mailgun.api-key=key-abc", "mailgun.domain=mg.example.com", "mailgun.region=eu",
					"mailgun.default-from=Shop <shop@mg.example.com>", "mailgun.test-mode=true",
					"mailgun.connect-timeout=2s", "mailgun.read-timeout=7s", "mailgun.write-timeout=45s",
					"mailgun.retry.max-attempts=5",
					"mailgun.retry.initial-backoff=50ms", "mailgun.retry.max-backoff=2s",
					"mailgun.retry.retry-send-on-server-error=true")
			.run(context -> {
				assertThat(context).hasSingleBean(MailgunOperations.class)
					.hasSingleBean(MailgunTemplate.class)
					.hasSingleBean(BlockingMailgunOperations.class)
					.hasSingleBean(MailgunConnectionDetails.class);
				MailgunClientSettings settings = context.getBean(MailgunClientSettings.class);
				assertThat(settings.apiKey()).isEqualTo("key-abc");
				assertThat(settings.domain()).isEqualTo("mg.example.com");
				assertThat(settings.region()).isEqualTo(MailgunRegion.EU);
				assertThat(settings.baseUrl()).isEqualTo(URI.create("https://api.eu.mailgun.net"));
				assertThat(settings.defaultFrom()).isEqualTo("Shop <shop@mg.example.com>");
				assertThat(settings.testMode()).isTrue();
				assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(7));
				assertThat(settings.writeTimeout()).isEqualTo(Duration.ofSeconds(45));
				assertThat(settings.retry().maxAttempts()).isEqualTo(5);
				assertThat(settings.retry().initialBackoff()).isEqualTo(Duration.ofMillis(50));
				assertThat(settings.retry().retrySendOnServerError()).isTrue();
				assertThat(context.getBean(MailgunOperations.class).domain()).isEqualTo("mg.example.com");
				assertThat(context.getBean(BlockingMailgunOperations.class).timeout())
					.isEqualTo(BlockingMailgunOperations.timeoutFor(settings));
			});
	}

	@Test
	void defaultsToTheUsRegion() {
		this.contextRunner.withPropertyValues("mailgun.api-key=k", "mailgun.domain=mg.example.com").run(context -> {
			MailgunClientSettings settings = context.getBean(MailgunClientSettings.class);
			assertThat(settings.region()).isEqualTo(MailgunRegion.US);
			assertThat(settings.baseUrl()).isEqualTo(URI.create("https://api.mailgun.net"));
			assertThat(settings.retry().enabled()).isTrue();
			assertThat(settings.retry().maxAttempts()).isEqualTo(3);
			assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(30));
			assertThat(settings.writeTimeout()).isEqualTo(MailgunClientSettings.DEFAULT_WRITE_TIMEOUT);
		});
	}

	@Test
	void baseUrlOverridesTheRegionAndSendsThere() {
		accept();
		this.contextRunner
			.withPropertyValues("mailgun.api-key=key-abc", "mailgun.domain=mg.example.com", "mailgun.region=eu",
					"mailgun.base-url=" + serverUrl())
			.run(context -> {
				MailgunClientSettings settings = context.getBean(MailgunClientSettings.class);
				assertThat(settings.region()).isEqualTo(MailgunRegion.EU);
				context.getBean(BlockingMailgunOperations.class).send(message());
				RecordedRequest request = this.server.takeRequest();
				assertThat(request.getUrl().encodedPath()).isEqualTo("/v3/mg.example.com/messages");
				assertThat(request.getHeaders().get("Authorization")).isEqualTo("Basic YXBpOmtleS1hYmM=");
			});
	}

	@Test
	void baseUrlEndingInAVersionIsAccepted() {
		accept();
		this.contextRunner
			.withPropertyValues("mailgun.api-key=k", "mailgun.domain=mg.example.com",
					"mailgun.base-url=" + serverUrl() + "v3")
			.run(context -> {
				assertThat(context.getBean(MailgunClientSettings.class).baseUrl().getPath()).isEmpty();
				context.getBean(BlockingMailgunOperations.class).send(message());
				assertThat(this.server.takeRequest().getUrl().encodedPath()).isEqualTo("/v3/mg.example.com/messages");
			});
		this.contextRunner
			.withPropertyValues("mailgun.api-key=k", "mailgun.domain=mg.example.com",
					"mailgun.base-url=https://api.eu.mailgun.net/v3")
			.run(context -> assertThat(context.getBean(MailgunClientSettings.class).baseUrl())
				.isEqualTo(URI.create("https://api.eu.mailgun.net")));
	}

	@Test
	void disabledTurnsEverythingOff() {
		this.contextRunner
			.withPropertyValues("mailgun.enabled=false", "mailgun.api-key=k", "mailgun.domain=mg.example.com")
			.run(context -> assertThat(context).doesNotHaveBean(MailgunOperations.class)
				.doesNotHaveBean(MailgunClientSettings.class)
				.doesNotHaveBean(BlockingMailgunOperations.class)
				.doesNotHaveBean(MailgunProperties.class));
	}

	@Test
	void missingApiKeyFailsWithAnExplanation() {
		this.contextRunner.withPropertyValues("mailgun.domain=mg.example.com").run(context -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new MailgunPropertyMissingFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("'mailgun.api-key'");
			assertThat(analysis.getAction()).contains("mailgun:", "api-key: ${MAILGUN_API_KEY}", "domain:",
					"API Security", "mailgun.enabled=false");
		});
	}

	@Test
	void failureAnalyzerIsRegistered() throws IOException {
		java.util.List<String> analyzers = new java.util.ArrayList<>();
		java.util.Enumeration<java.net.URL> files = getClass().getClassLoader().getResources("META-INF/spring.factories");
		while (files.hasMoreElements()) {
			java.util.Properties factories = org.springframework.core.io.support.PropertiesLoaderUtils
				.loadProperties(new org.springframework.core.io.UrlResource(files.nextElement()));
			String names = factories.getProperty("org.springframework.boot.diagnostics.FailureAnalyzer", "");
			analyzers.addAll(org.springframework.util.StringUtils.commaDelimitedListToSet(names));
		}
		assertThat(analyzers).contains(MailgunPropertyMissingFailureAnalyzer.class.getName());
	}

	@Test
	void missingDomainFailsWithAnExplanation() {
		this.contextRunner.withPropertyValues("mailgun.api-key=k").run(context -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new MailgunPropertyMissingFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("'mailgun.domain'");
			assertThat(analysis.getAction()).contains("Sending > Domains");
		});
	}

	@Test
	void connectionDetailsBeanReplacesPropertiesSoNoneAreNeeded() {
		accept();
		this.contextRunner.withBean(MailgunConnectionDetails.class, () -> new MailgunConnectionDetails() {
			@Override
			public URI getBaseUrl() {
				return URI.create(serverUrl());
			}

			@Override
			public String getApiKey() {
				return "mock-key";
			}

			@Override
			public String getDomain() {
				return "mock.example.com";
			}
		}).run(context -> {
			assertThat(context).hasNotFailed().hasSingleBean(MailgunConnectionDetails.class);
			assertThat(context.getBean(MailgunClientSettings.class).region()).isEqualTo(MailgunRegion.US);
			context.getBean(BlockingMailgunOperations.class).send(message());
			assertThat(this.server.takeRequest().getUrl().encodedPath()).isEqualTo("/v3/mock.example.com/messages");
		});
	}

	@Test
	void backsOffForUserBeans() {
		MailgunOperations own = new MailgunTemplate(MailgunClientSettings.builder("own", "own.example.com").build());
		this.contextRunner.withPropertyValues("mailgun.api-key=k", "mailgun.domain=mg.example.com")
			.withBean("myMailgun", MailgunOperations.class, () -> own)
			.withBean(BlockingMailgunOperations.class,
					() -> new BlockingMailgunOperations(own, Duration.ofSeconds(1)))
			.run(context -> {
				assertThat(context).hasSingleBean(MailgunOperations.class).doesNotHaveBean("mailgunTemplate");
				assertThat(context.getBean(MailgunOperations.class)).isSameAs(own);
				assertThat(context.getBean(BlockingMailgunOperations.class).timeout()).isEqualTo(Duration.ofSeconds(1));
			});
		MailgunClientSettings settings = MailgunClientSettings.builder("user-key", "user.example.com").build();
		this.contextRunner.withBean(MailgunClientSettings.class, () -> settings)
			.run(context -> assertThat(context.getBean(MailgunOperations.class).domain()).isEqualTo("user.example.com"));
	}

	@Test
	void customizersAreApplied() {
		accept();
		this.contextRunner
			.withPropertyValues("mailgun.api-key=k", "mailgun.domain=mg.example.com", "mailgun.base-url=" + serverUrl())
			.withUserConfiguration(CustomizerConfiguration.class)
			.run(context -> {
				assertThat(context.getBean(MailgunClientSettings.class).defaultFrom()).isEqualTo("custom@mg.example.com");
				context.getBean(BlockingMailgunOperations.class)
					.send(MailgunMessage.builder().to("a@example.com").text("t").build());
				RecordedRequest request = this.server.takeRequest();
				assertThat(request.getHeaders().get("X-Customized")).isEqualTo("yes");
				assertThat(request.getBody().utf8()).contains("custom@mg.example.com");
			});
	}

	@Test
	void worksWithoutBootsWebClientAutoConfiguration() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MailgunAutoConfiguration.class))
			.withPropertyValues("mailgun.api-key=k", "mailgun.domain=mg.example.com")
			.run(context -> assertThat(context).hasSingleBean(MailgunOperations.class));
	}

	@Test
	void backsOffWithoutWebClientOrTheClient() {
		this.contextRunner.withPropertyValues("mailgun.api-key=k", "mailgun.domain=mg.example.com")
			.withClassLoader(new FilteredClassLoader(WebClient.class))
			.run(context -> assertThat(context).doesNotHaveBean(MailgunOperations.class));
		this.contextRunner.withPropertyValues("mailgun.api-key=k", "mailgun.domain=mg.example.com")
			.withClassLoader(new FilteredClassLoader(MailgunTemplate.class))
			.run(context -> assertThat(context).doesNotHaveBean(MailgunOperations.class));
	}

	@Test
	void sendsAreObservedWithTheApplicationsRegistry() {
		accept();
		TestObservationRegistry registry = TestObservationRegistry.create();
		this.contextRunner
			.withPropertyValues("mailgun.api-key=k", "mailgun.domain=mg.example.com", "mailgun.base-url=" + serverUrl())
			.withBean(ObservationRegistry.class, () -> registry)
			.run(context -> {
				context.getBean(BlockingMailgunOperations.class).send(message());
				TestObservationRegistryAssert.assertThat(registry)
					.hasObservationWithNameEqualTo("mailgun.send")
					.that()
					.hasLowCardinalityKeyValue("outcome", "SUCCESS");
			});
	}

	@Test
	void propertiesHideTheKey() {
		this.contextRunner.withPropertyValues("mailgun.api-key=key-very-secret", "mailgun.domain=mg.example.com")
			.run(context -> {
				assertThat(context.getBean(MailgunProperties.class).toString()).doesNotContain("very-secret")
					.contains("apiKey=******");
				assertThat(context.getBean(MailgunClientSettings.class).toString()).doesNotContain("very-secret");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		@Bean
		MailgunClientSettingsCustomizer defaultFromCustomizer() {
			return builder -> builder.defaultFrom("custom@mg.example.com");
		}

		@Bean
		MailgunWebClientCustomizer headerCustomizer() {
			return builder -> builder.filter(ExchangeFilterFunction.ofRequestProcessor(request -> reactor.core.publisher.Mono
				.just(ClientRequest.from(request).header("X-Customized", "yes").build())));
		}

	}

}
