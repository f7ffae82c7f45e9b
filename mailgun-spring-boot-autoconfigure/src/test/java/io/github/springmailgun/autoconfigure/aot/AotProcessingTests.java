package io.github.springmailgun.autoconfigure.aot;

import java.util.Map;

import io.github.springmailgun.BlockingMailgunOperations;
import io.github.springmailgun.MailgunOperations;
import io.github.springmailgun.MailgunTemplate;
import io.github.springmailgun.boot.webhook.MailgunWebhookHandler;
import io.github.springmailgun.domain.DomainDetails;
import io.github.springmailgun.mail.MailgunJavaMailSender;
import io.github.springmailgun.message.SendResponse;
import io.github.springmailgun.webhook.WebhookSignatureVerifier;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.AnnotationConfigUtils;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs Spring's AOT processing on an application that uses the starter, as {@code spring-boot:process-aot}
 * does, compiles what it generated, and starts the processed context: the beans a native image would
 * have, and the hints it needs.
 */
class AotProcessingTests {

	private static final Map<String, Object> PROPERTIES = Map.of("mailgun.api-key", "key-aot",
			"mailgun.domain", "mg.example.com", "mailgun.base-url", "http://127.0.0.1:9",
			"mailgun.webhooks.signing-key", "signing-key-aot");

	@Test
	@CompileWithForkedClassLoader
	@SuppressWarnings("unchecked")
	void processedContextStartsWithTheStartersBeans() {
		GenericApplicationContext context = context();
		context.registerBean(AotApplication.class);
		TestGenerationContext generationContext = new TestGenerationContext();
		ClassName initializerName = new ApplicationContextAotGenerator().processAheadOfTime(context, generationContext);
		generationContext.writeGeneratedContent();

		assertThat(RuntimeHintsPredicates.reflection().onType(SendResponse.class))
			.accepts(generationContext.getRuntimeHints());
		assertThat(RuntimeHintsPredicates.reflection().onType(DomainDetails.class))
			.accepts(generationContext.getRuntimeHints());

		TestCompiler.forSystem().with(generationContext).compile(compiled -> {
			// As at run time of a native image: only the generated initializer registers beans.
			GenericApplicationContext processed = new GenericApplicationContext();
			processed.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", PROPERTIES));
			ApplicationContextInitializer<GenericApplicationContext> initializer = compiled
				.getInstance(ApplicationContextInitializer.class, initializerName.toString());
			initializer.initialize(processed);
			processed.refresh();
			try {
				assertThat(processed.getBean(MailgunOperations.class)).isInstanceOf(MailgunTemplate.class);
				assertThat(processed.getBean(MailgunOperations.class).domain()).isEqualTo("mg.example.com");
				assertThat(processed.getBeansOfType(BlockingMailgunOperations.class)).hasSize(1);
				assertThat(processed.getBeansOfType(MailgunJavaMailSender.class)).hasSize(1);
				assertThat(processed.getBean("mailgunHealthContributor")).isInstanceOf(ReactiveHealthContributor.class);
				assertThat(processed.getBeansOfType(MailgunWebhookHandler.class)).hasSize(1);
				assertThat(processed.getBeansOfType(WebhookSignatureVerifier.class)).hasSize(1);
			}
			finally {
				processed.close();
			}
		});
	}

	private static GenericApplicationContext context() {
		GenericApplicationContext context = new GenericApplicationContext();
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", PROPERTIES));
		AnnotationConfigUtils.registerAnnotationConfigProcessors(context);
		return context;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class AotApplication {

	}

}
