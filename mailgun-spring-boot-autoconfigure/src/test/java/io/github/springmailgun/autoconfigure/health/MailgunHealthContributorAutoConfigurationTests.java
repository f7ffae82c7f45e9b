package io.github.springmailgun.autoconfigure.health;

import io.github.springmailgun.autoconfigure.MailgunAutoConfiguration;
import io.github.springmailgun.boot.health.MailgunHealthIndicator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class MailgunHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MailgunAutoConfiguration.class, MailgunHealthContributorAutoConfiguration.class))
		.withPropertyValues("mailgun.api-key=k", "mailgun.domain=mg.example.com");

	@Test
	void registersTheMailgunContributor() {
		this.contextRunner.run(context -> assertThat(context).hasBean("mailgunHealthContributor")
			.getBean("mailgunHealthContributor")
			.isInstanceOf(MailgunHealthIndicator.class));
	}

	@Test
	void canBeSwitchedOff() {
		this.contextRunner.withPropertyValues("management.health.mailgun.enabled=false")
			.run(context -> assertThat(context).doesNotHaveBean("mailgunHealthContributor"));
		this.contextRunner.withPropertyValues("management.health.defaults.enabled=false")
			.run(context -> assertThat(context).doesNotHaveBean("mailgunHealthContributor"));
	}

	@Test
	void backsOffForAUserIndicatorOfEitherName() {
		ReactiveHealthIndicator own = () -> reactor.core.publisher.Mono.just(Health.up().build());
		this.contextRunner.withBean("mailgunHealthIndicator", ReactiveHealthIndicator.class, () -> own)
			.run(context -> assertThat(context).doesNotHaveBean("mailgunHealthContributor")
				.getBean("mailgunHealthIndicator")
				.isSameAs(own));
		this.contextRunner.withBean("mailgunHealthContributor", ReactiveHealthIndicator.class, () -> own)
			.run(context -> assertThat(context.getBean("mailgunHealthContributor")).isSameAs(own));
	}

	@Test
	void severalDomainsMakeAComposite() {
		this.contextRunner.withPropertyValues("mailgun.health.domains=mg.example.com,news.example.com")
			.run(context -> {
				ReactiveHealthContributor contributor = context.getBean("mailgunHealthContributor",
						ReactiveHealthContributor.class);
				assertThat(contributor).isInstanceOf(CompositeReactiveHealthContributor.class);
				CompositeReactiveHealthContributor composite = (CompositeReactiveHealthContributor) contributor;
				assertThat(composite.stream().map(entry -> entry.name())).containsExactly("mg.example.com",
						"news.example.com");
			});
	}

	@Test
	void needsBootsHealthModule() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ReactiveHealthContributor.class))
			.run(context -> assertThat(context).doesNotHaveBean("mailgunHealthContributor"));
	}

}
