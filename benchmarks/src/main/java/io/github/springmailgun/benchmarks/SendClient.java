package io.github.springmailgun.benchmarks;

import java.util.List;
import java.util.Map;

import com.mailgun.api.v3.MailgunMessagesApi;
import com.mailgun.client.MailgunClient;
import com.mailgun.model.message.Message;
import com.mailgun.model.message.MessageResponse;
import feign.Logger;
import io.github.springmailgun.MailgunOperations;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.github.springmailgun.message.MailgunMessage;
import io.github.springmailgun.message.SendResponse;
import reactor.core.publisher.Mono;

import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * One of the clients the harness compares. Each send builds its message afresh, as an application
 * does, and checks the answer carries Mailgun's id.
 */
public interface SendClient extends AutoCloseable {

	/** The names the harness accepts, in table order. */
	List<String> NAMES = List.of("ours", "webclient", "sdk");

	/**
	 * Returns whether {@link #sendBlocking()} is the way to send (one thread per request in flight).
	 * @return whether the client blocks
	 */
	boolean blocking();

	/**
	 * Sends one message without blocking.
	 * @return the answer's id, emitted when Mailgun accepted it
	 */
	Mono<String> send();

	/**
	 * Sends one message, blocking until the answer.
	 * @return the answer's id
	 * @throws Exception when the send fails
	 */
	String sendBlocking() throws Exception;

	/**
	 * Describes what the client recorded, for example its observation counts.
	 * @return a description, or an empty string
	 */
	default String describe() {
		return "";
	}

	@Override
	void close();

	/** Counts the timers that prove observations were recorded, when the context has a meter registry. */
	private static String observed(ConfigurableApplicationContext context) {
		MeterRegistry registry = context.getBeanProvider(MeterRegistry.class).getIfAvailable();
		if (registry == null) {
			return "no meter registry";
		}
		StringBuilder out = new StringBuilder("timers:");
		for (String name : List.of("mailgun.send", "http.client.requests")) {
			long count = registry.find(name).timers().stream().mapToLong(Timer::count).sum();
			out.append(' ').append(name).append('=').append(count);
		}
		return out.toString();
	}

	/**
	 * Creates a client by name.
	 * @param name {@code ours}, {@code webclient} or {@code sdk}
	 * @param baseUrl the stub's base URL
	 * @return the client
	 */
	static SendClient create(String name, String baseUrl) {
		return switch (name) {
			case "ours" -> new Ours(baseUrl);
			case "webclient" -> new HandWrittenWebClient(baseUrl);
			case "sdk" -> new OfficialSdk(baseUrl);
			default -> throw new IllegalArgumentException("unknown client '" + name + "', expected one of " + NAMES);
		};
	}

	/**
	 * Ours, as the starter auto-configures it in an application with the actuator: a real
	 * {@code ObservationRegistry} with Boot's meter handler, so every send records {@code mailgun.send}
	 * and {@code http.client.requests}.
	 */
	final class Ours implements SendClient {

		private final ConfigurableApplicationContext context;

		private final MailgunOperations mailgun;

		Ours(String baseUrl) {
			this.context = BenchApplication.start(WebApplicationType.NONE, true, baseUrl, Map.of());
			this.mailgun = this.context.getBean(MailgunOperations.class);
		}

		@Override
		public boolean blocking() {
			return false;
		}

		@Override
		public Mono<String> send() {
			MailgunMessage message = MailgunMessage.builder()
				.from(Messages.FROM)
				.to(Messages.TO)
				.subject(Messages.SUBJECT)
				.text(Messages.TEXT)
				.build();
			return this.mailgun.send(message).map(SendResponse::id);
		}

		@Override
		public String sendBlocking() {
			return send().block();
		}

		@Override
		public String describe() {
			return observed(this.context);
		}

		@Override
		public void close() {
			this.context.close();
		}

	}

	/**
	 * The reference: what a user writes by hand with the {@code WebClient.Builder} of the same kind of
	 * application (so it records {@code http.client.requests} too), Spring's multipart support and a
	 * JSON-bound answer.
	 */
	final class HandWrittenWebClient implements SendClient {

		private final ConfigurableApplicationContext context;

		private final WebClient webClient;

		HandWrittenWebClient(String baseUrl) {
			this.context = BenchApplication.start(WebApplicationType.NONE, false, baseUrl, Map.of());
			this.webClient = this.context.getBean(WebClient.Builder.class)
				.baseUrl(baseUrl)
				.defaultHeaders(headers -> headers.setBasicAuth("api", Messages.API_KEY))
				.build();
		}

		@Override
		public boolean blocking() {
			return false;
		}

		@Override
		public Mono<String> send() {
			MultipartBodyBuilder parts = new MultipartBodyBuilder();
			parts.part("from", Messages.FROM);
			parts.part("to", Messages.TO);
			parts.part("subject", Messages.SUBJECT);
			parts.part("text", Messages.TEXT);
			return this.webClient.post()
				.uri("/v3/{domain}/messages", Messages.DOMAIN)
				.contentType(MediaType.MULTIPART_FORM_DATA)
				.accept(MediaType.APPLICATION_JSON)
				.body(BodyInserters.fromMultipartData(parts.build()))
				.retrieve()
				.bodyToMono(Accepted.class)
				.map(Accepted::id);
		}

		@Override
		public String sendBlocking() {
			return send().block();
		}

		@Override
		public String describe() {
			return observed(this.context);
		}

		@Override
		public void close() {
			this.context.close();
		}

		/**
		 * Mailgun's answer.
		 * @param id the message id
		 * @param message the status text
		 */
		public record Accepted(String id, String message) {
		}

	}

	/**
	 * The official SDK, {@code com.mailgun:mailgun-java}, as its README configures it, with its request
	 * logging off (by default it logs two lines per send).
	 */
	final class OfficialSdk implements SendClient {

		private final MailgunMessagesApi api;

		OfficialSdk(String baseUrl) {
			this.api = MailgunClient.config(baseUrl, Messages.API_KEY)
				.logLevel(Logger.Level.NONE)
				.createApi(MailgunMessagesApi.class);
		}

		@Override
		public boolean blocking() {
			return true;
		}

		@Override
		public Mono<String> send() {
			return Mono.fromCallable(this::sendBlocking);
		}

		@Override
		public String sendBlocking() {
			Message message = Message.builder()
				.from(Messages.FROM)
				.to(Messages.TO)
				.subject(Messages.SUBJECT)
				.text(Messages.TEXT)
				.build();
			MessageResponse response = this.api.sendMessage(Messages.DOMAIN, message);
			return response.getId();
		}

		@Override
		public void close() {
		}

	}

}
