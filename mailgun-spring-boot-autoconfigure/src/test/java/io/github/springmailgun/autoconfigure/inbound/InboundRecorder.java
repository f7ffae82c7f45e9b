package io.github.springmailgun.autoconfigure.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.springmailgun.inbound.InboundAttachment;
import io.github.springmailgun.inbound.MailgunInboundMessage;

import org.springframework.context.event.EventListener;

/**
 * A listener as users write one: records the messages it gets with their files' contents (read while
 * the files exist), fails while told to, and retains messages while told to.
 */
public class InboundRecorder {

	/** The messages received. */
	public final List<MailgunInboundMessage> messages = new CopyOnWriteArrayList<>();

	/**
	 * The content of each message's files by field name, read in the listener: the bytes up to 1 MB, the
	 * SHA-256 digest of larger ones (so that a test in a small heap does not hold them).
	 */
	public final List<Map<String, byte[]>> contents = new CopyOnWriteArrayList<>();

	/** Whether the listener throws, as when a database it writes to is down. */
	public volatile boolean failing;

	/** Whether the listener retains the message, as one handing it to another thread does. */
	public volatile boolean retaining;

	@EventListener
	void on(MailgunInboundMessage message) throws IOException {
		Map<String, byte[]> content = new LinkedHashMap<>();
		for (InboundAttachment attachment : message.attachments()) {
			content.put(attachment.fieldName(), read(attachment));
		}
		if (message.mime().isPresent()) {
			content.put("body-mime", read(message.mime().get()));
		}
		this.messages.add(message);
		this.contents.add(content);
		if (this.failing) {
			throw new IllegalStateException("Database is down");
		}
		if (this.retaining) {
			message.retain();
		}
	}

	private static byte[] read(InboundAttachment attachment) {
		try (InputStream in = attachment.open()) {
			if (attachment.size() <= 1024 * 1024) {
				return in.readAllBytes();
			}
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			try (DigestInputStream digesting = new DigestInputStream(in, digest)) {
				digesting.transferTo(OutputStream.nullOutputStream());
			}
			return digest.digest();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Forgets everything, stops failing and retaining.
	 */
	public void reset() {
		this.messages.clear();
		this.contents.clear();
		this.failing = false;
		this.retaining = false;
	}

}
