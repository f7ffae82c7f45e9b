package io.github.springmailgun.test.inboundapp;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.springmailgun.inbound.InboundAttachment;
import io.github.springmailgun.inbound.MailgunInboundMessage;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A user's WebFlux application that receives support mail through the starter's inbound endpoint.
 */
@SpringBootApplication
public class SupportInboxApplication {

	/** Records each message with its files' bytes, read while the files exist. */
	@Component
	public static class Inbox {

		/** The messages received. */
		public final List<MailgunInboundMessage> messages = new CopyOnWriteArrayList<>();

		/** The bytes of each message's files by field name. */
		public final List<Map<String, byte[]>> files = new CopyOnWriteArrayList<>();

		@EventListener
		void on(MailgunInboundMessage message) throws IOException {
			Map<String, byte[]> content = new LinkedHashMap<>();
			for (InboundAttachment attachment : message.attachments()) {
				try (InputStream in = attachment.open()) {
					content.put(attachment.fieldName(), in.readAllBytes());
				}
			}
			if (message.mime().isPresent()) {
				try (InputStream in = message.mime().get().open()) {
					content.put("body-mime", in.readAllBytes());
				}
			}
			this.files.add(content);
			this.messages.add(message);
		}

	}

}
