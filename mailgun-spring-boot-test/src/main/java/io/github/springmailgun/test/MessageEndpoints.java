package io.github.springmailgun.test;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The endpoints of sending and of stored messages, and the domain lookup: the mock's first area.
 */
final class MessageEndpoints {

	private final MailgunMockServer server;

	MessageEndpoints(MailgunMockServer server) {
		this.server = server;
	}

	void register(MockRoutes routes) {
		routes.api("POST", "/v3/{domain}/messages", call -> send(call, false))
			.api("POST", "/v3/{domain}/messages.mime", call -> send(call, true))
			.api("GET", "/v3/domains/{domain}/messages/{key}", this::storedMessage)
			.api("GET", "/v3/domains/{domain}/messages/{key}/attachments/{index}", this::storedAttachment)
			.api("GET", "/v4/domains/{domain}", call -> MockAnswer.of(200, MockAnswer.JSON,
					MockResponses.domain(call.domain(), this.server.createdAt()),
					"domain " + call.domain().state().wireValue()));
	}

	private MockAnswer send(MockCall call, boolean mime) {
		FormData form = call.form();
		if (mime) {
			SendRules.checkMime(form);
		}
		else {
			SendRules.checkMessage(form);
		}
		MockMessage message = this.server.accept(call.domain().name(), form, mime);
		return MockAnswer.of(200, MockAnswer.JSON, MockResponses.queued(message.id()), message.id());
	}

	private MockAnswer storedMessage(MockCall call) {
		String accept = call.header("Accept");
		boolean includeMime = accept != null && accept.toLowerCase(Locale.ROOT).contains("message/rfc2822");
		MockMessage message = stored(call);
		if (message == null) {
			// Or a received message a route's store() kept.
			return received(call)
				.map((received) -> MockAnswer.of(200, MockAnswer.JSON, received.json(includeMime),
						"stored received " + received.storageKey()))
				.orElseGet(() -> MockAnswer.json(404, "Message not found"));
		}
		return MockAnswer.of(200, MockAnswer.JSON, MockResponses.storedMessage(message, includeMime),
				"stored " + message.id());
	}

	private MockAnswer storedAttachment(MockCall call) {
		MockMessage message = stored(call);
		List<MockAttachment> attachments = (message != null) ? message.attachments()
				: received(call).map((received) -> received.message().attachments()).orElse(List.of());
		int index;
		try {
			index = Integer.parseInt(call.variable("index"));
		}
		catch (NumberFormatException ex) {
			index = -1;
		}
		if (index < 0 || index >= attachments.size()) {
			return MockAnswer.json(404, "Attachment not found");
		}
		MockAttachment attachment = attachments.get(index);
		return MockAnswer.of(200, attachment.contentType(), attachment.content(), "attachment " + attachment.filename());
	}

	private Optional<MockStoredMessage> received(MockCall call) {
		return this.server.inbound().stored(call.domain().name(), call.variable("key"));
	}

	private @Nullable MockMessage stored(MockCall call) {
		String key = call.variable("key");
		MockMessage message = this.server.findMessage(key).orElse(null);
		return (message != null && message.storageKey().equals(key)
				&& message.domain().equalsIgnoreCase(call.domain().name())) ? message : null;
	}

}
