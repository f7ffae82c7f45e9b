package io.github.springmailgun.autoconfigure.inbound;

import io.github.springmailgun.autoconfigure.webhook.MailgunWebhookAutoConfiguration;
import io.github.springmailgun.boot.inbound.MailgunInboundHandler;
import io.github.springmailgun.boot.webhook.MailgunWebhookHandler;
import io.github.springmailgun.webhook.WebhookSignatureVerifier;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;

import static org.assertj.core.api.Assertions.assertThat;

class MailgunInboundAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(MailgunWebhookAutoConfiguration.class, MailgunInboundAutoConfiguration.class));

	@Test
	void nothingWithoutAPath() {
		this.contextRunner.withPropertyValues("mailgun.inbound.signing-key=key-1")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(MailgunInboundHandler.class));
	}

	@Test
	void anEmptyPathIsOffSoThatAPlaceholderWithAnEmptyDefaultWorks() {
		// mailgun.inbound.path: ${MAILGUN_INBOUND_PATH:} with the variable unset, and no key anywhere.
		this.contextRunner.withPropertyValues("mailgun.inbound.path=", "mailgun.inbound.signing-key=key-1")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(MailgunInboundHandler.class));
		this.contextRunner.withPropertyValues("mailgun.inbound.path= ")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(MailgunInboundHandler.class));
	}

	@Test
	void pathWithoutAKeyFailsNamingBothProperties() {
		this.contextRunner.withPropertyValues("mailgun.inbound.path=/inbound").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("mailgun.inbound.signing-key")
				.hasMessageContaining("mailgun.webhooks.signing-key");
		});
	}

	@Test
	void inboundKeyEnablesInboundButNotWebhooks() {
		this.contextRunner.withPropertyValues("mailgun.inbound.path=/inbound", "mailgun.inbound.signing-key=key-1")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(MailgunInboundHandler.class)
				.hasBean("mailgunInboundRouterFunction")
				.doesNotHaveBean(WebhookSignatureVerifier.class)
				.doesNotHaveBean(MailgunWebhookHandler.class));
	}

	@Test
	void signingKeyDefaultsToTheWebhooksKeyWithoutReplacingTheWebhookVerifier() {
		this.contextRunner.withPropertyValues("mailgun.inbound.path=/inbound", "mailgun.webhooks.signing-key=key-1")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(MailgunInboundHandler.class)
				.hasSingleBean(WebhookSignatureVerifier.class)
				.hasSingleBean(MailgunWebhookHandler.class));
	}

	@Test
	void webhooksDoNotEnableInbound() {
		this.contextRunner.withPropertyValues("mailgun.webhooks.signing-key=key-1")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(MailgunWebhookHandler.class)
				.doesNotHaveBean(MailgunInboundHandler.class));
	}

	@Test
	void disabledWithTheClient() {
		this.contextRunner
			.withPropertyValues("mailgun.enabled=false", "mailgun.inbound.path=/inbound",
					"mailgun.inbound.signing-key=key-1")
			.run((context) -> assertThat(context).doesNotHaveBean(MailgunInboundHandler.class));
	}

	@Test
	void pathMustStartWithASlash() {
		this.contextRunner.withPropertyValues("mailgun.inbound.path=inbound", "mailgun.inbound.signing-key=key-1")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("mailgun.inbound.path"));
	}

	@Test
	void missingTempDirectoryFailsNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("mailgun.inbound.path=/inbound", "mailgun.inbound.signing-key=key-1",
					"mailgun.inbound.temp-directory=/does/not/exist")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("mailgun.inbound.temp-directory"));
	}

	@Test
	void servletApplicationsGetAServletOfTheirOwn() {
		new org.springframework.boot.test.context.runner.WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MailgunInboundAutoConfiguration.class))
			.withPropertyValues("mailgun.inbound.path=/inbound", "mailgun.inbound.signing-key=key-1")
			.run((context) -> assertThat(context).getBean("mailgunInboundServlet", ServletRegistrationBean.class)
				.satisfies((registration) -> assertThat(registration.getUrlMappings()).containsExactly("/inbound")));
	}

}
