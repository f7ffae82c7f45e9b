package io.github.springmailgun.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.springmailgun.message.BatchRecipient;
import io.github.springmailgun.message.MailgunMessage;

/**
 * The message every client sends: the same sender, recipient, subject and text, so the clients do the
 * same work and put the same bytes on the wire (give or take their multipart framing).
 */
public final class Messages {

	/** The sending domain. */
	public static final String DOMAIN = "mg.example.com";

	/** A made-up key; the stubs do not check it. */
	public static final String API_KEY = "key-benchmark-not-a-real-key";

	/** The sender. */
	public static final String FROM = "Shop <shop@mg.example.com>";

	/** The recipient. */
	public static final String TO = "alice@example.com";

	/** The subject. */
	public static final String SUBJECT = "Your order 12345 ships today";

	/** A short text body, about the size of a transactional notification. */
	public static final String TEXT = "Hello Alice,\n\nyour order 12345 left our warehouse today and should arrive "
			+ "within two working days. Track it at https://shop.example.com/orders/12345.\n\nThank you for "
			+ "shopping with us.\n";

	private Messages() {
	}

	/**
	 * Returns batch recipients with two variables each ({@code first}, {@code id}), as a caller has them.
	 * @param count how many
	 * @return the recipients
	 */
	public static List<BatchRecipient> batchRecipients(int count) {
		List<BatchRecipient> people = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			people.add(BatchRecipient.of("customer" + i + "@example.com", Map.of("first", "Customer " + i, "id", i)));
		}
		return people;
	}

	/**
	 * Returns the message every recipient of a batch gets, personalised with their variables.
	 * @return the message
	 */
	public static MailgunMessage batchMessage() {
		return MailgunMessage.builder()
			.from(FROM)
			.subject("Hello %recipient.first%")
			.text("Your customer id is %recipient.id%.")
			.build();
	}

}
