package io.github.springmailgun.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.metrics.ApplicationStartup;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The smallest Spring Boot application: auto-configuration only, no component scan. The harness and
 * the start-up check run it with and without the starter's auto-configurations.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class BenchApplication {

	/** Set to {@code true} for an application that also calls other services with a {@code WebClient}. */
	public static final String USES_WEB_CLIENT = "bench.uses-webclient";

	/** The starter's auto-configurations, as listed in its {@code AutoConfiguration.imports}. */
	public static final String MAILGUN_AUTO_CONFIGURATIONS = String.join(",",
			"io.github.springmailgun.autoconfigure.MailgunAutoConfiguration",
			"io.github.springmailgun.autoconfigure.MailgunMailSenderAutoConfiguration",
			"io.github.springmailgun.autoconfigure.health.MailgunHealthContributorAutoConfiguration",
			"io.github.springmailgun.autoconfigure.metrics.MailgunMetricsAutoConfiguration");

	/**
	 * A client the application builds from Boot's {@code WebClient.Builder}, as one that calls other
	 * services does; present only with {@value #USES_WEB_CLIENT}.
	 * @param builder Boot's builder
	 * @return the client
	 */
	@Bean
	@ConditionalOnBooleanProperty(USES_WEB_CLIENT)
	WebClient appWebClient(WebClient.Builder builder) {
		return builder.baseUrl("http://127.0.0.1:9").build();
	}

	/**
	 * Starts the application.
	 * @param type the web application type
	 * @param withMailgun whether the starter's auto-configurations apply
	 * @param baseUrl the Mailgun base URL
	 * @param extra further properties
	 * @return the running context
	 */
	public static ConfigurableApplicationContext start(WebApplicationType type, boolean withMailgun, String baseUrl,
			Map<String, Object> extra) {
		return start(type, withMailgun, baseUrl, extra, null);
	}

	/**
	 * Starts the application, recording its start-up steps.
	 * @param type the web application type
	 * @param withMailgun whether the starter's auto-configurations apply
	 * @param baseUrl the Mailgun base URL
	 * @param extra further properties
	 * @param startup where to record start-up steps, or {@code null}
	 * @return the running context
	 */
	public static ConfigurableApplicationContext start(WebApplicationType type, boolean withMailgun, String baseUrl,
			Map<String, Object> extra, @Nullable ApplicationStartup startup) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.main.banner-mode", "off");
		properties.put("spring.main.log-startup-info", "false");
		properties.put("logging.level.root", "warn");
		properties.put("server.port", "0");
		properties.put("server.address", "127.0.0.1");
		properties.put("mailgun.api-key", Messages.API_KEY);
		properties.put("mailgun.domain", Messages.DOMAIN);
		properties.put("mailgun.base-url", baseUrl);
		if (!withMailgun) {
			properties.put("spring.autoconfigure.exclude", MAILGUN_AUTO_CONFIGURATIONS);
		}
		properties.putAll(extra);
		SpringApplicationBuilder builder = new SpringApplicationBuilder(BenchApplication.class).web(type)
			.properties(properties)
			.logStartupInfo(false)
			.registerShutdownHook(false);
		if (startup != null) {
			builder.applicationStartup(startup);
		}
		return builder.run();
	}

}
