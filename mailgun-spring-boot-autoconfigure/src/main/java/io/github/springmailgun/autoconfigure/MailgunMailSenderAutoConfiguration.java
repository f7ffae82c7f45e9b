package io.github.springmailgun.autoconfigure;

import io.github.springmailgun.BlockingMailgunOperations;
import io.github.springmailgun.mail.MailgunJavaMailSender;
import jakarta.mail.internet.MimeMessage;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.mail.MailSender;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Auto-configures a {@link JavaMailSender} that sends through Mailgun, so code written for Spring's
 * mail abstraction needs no change. It backs off when the application defines its own
 * {@link MailSender}, when {@code mailgun.mail-sender.enabled=false}, and when SMTP is configured
 * explicitly with {@code spring.mail.host} or {@code spring.mail.jndi-name}: then Spring Boot's SMTP
 * sender is used, as configured.
 */
@AutoConfiguration(after = MailgunAutoConfiguration.class,
		beforeName = "org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration")
@ConditionalOnClass({ MimeMessage.class, JavaMailSender.class, MailgunJavaMailSender.class })
@ConditionalOnBooleanProperty(name = "mailgun.mail-sender.enabled", matchIfMissing = true)
@ConditionalOnBean(BlockingMailgunOperations.class)
@Conditional(MailgunMailSenderAutoConfiguration.NoSmtpConfiguredCondition.class)
public final class MailgunMailSenderAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(MailSender.class)
	MailgunJavaMailSender mailgunJavaMailSender(BlockingMailgunOperations mailgun) {
		return new MailgunJavaMailSender(mailgun);
	}

	/**
	 * Matches when neither of the properties that make Spring Boot configure SMTP is set.
	 */
	static final class NoSmtpConfiguredCondition extends NoneNestedConditions {

		NoSmtpConfiguredCondition() {
			super(ConfigurationPhase.PARSE_CONFIGURATION);
		}

		@ConditionalOnProperty(name = "spring.mail.host")
		static final class SmtpHost {

		}

		@ConditionalOnProperty(name = "spring.mail.jndi-name")
		static final class SmtpJndiName {

		}

	}

}
