package io.github.springmailgun.autoconfigure;

import io.github.springmailgun.mail.MailgunJavaMailSender;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mail.MailSender;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;

class MailgunMailSenderAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MailgunAutoConfiguration.class,
				MailgunMailSenderAutoConfiguration.class, MailSenderAutoConfiguration.class))
		.withPropertyValues("mailgun.api-key=k", "mailgun.domain=mg.example.com");

	@Test
	void mailgunIsTheJavaMailSender() {
		this.contextRunner.run(context -> assertThat(context).hasSingleBean(JavaMailSender.class)
			.getBean(JavaMailSender.class)
			.isInstanceOf(MailgunJavaMailSender.class));
	}

	@Test
	void explicitSmtpConfigurationKeepsBootsSmtpSender() {
		this.contextRunner.withPropertyValues("spring.mail.host=smtp.example.com").run(context -> {
			assertThat(context).hasSingleBean(JavaMailSender.class).doesNotHaveBean(MailgunJavaMailSender.class);
			assertThat(context.getBean(JavaMailSender.class)).isInstanceOf(JavaMailSenderImpl.class);
		});
	}

	@Test
	void canBeSwitchedOff() {
		this.contextRunner.withPropertyValues("mailgun.mail-sender.enabled=false")
			.run(context -> assertThat(context).doesNotHaveBean(JavaMailSender.class));
		this.contextRunner.withPropertyValues("mailgun.enabled=false")
			.run(context -> assertThat(context).doesNotHaveBean(JavaMailSender.class));
	}

	@Test
	void backsOffForAUserMailSender() {
		MailSender own = (SimpleMailMessage... messages) -> {
		};
		this.contextRunner.withBean(MailSender.class, () -> own)
			.run(context -> assertThat(context).doesNotHaveBean(MailgunJavaMailSender.class)
				.getBean(MailSender.class)
				.isSameAs(own));
	}

	@Test
	void needsJakartaMail() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MimeMessage.class))
			.run(context -> assertThat(context).doesNotHaveBean(MailgunJavaMailSender.class));
	}

}
