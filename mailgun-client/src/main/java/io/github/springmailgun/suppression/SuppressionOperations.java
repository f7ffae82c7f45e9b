package io.github.springmailgun.suppression;

import java.nio.file.Path;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.Resource;

/**
 * What every suppression table of a domain offers: list, look up, delete, clear and import from CSV.
 * Entries are keyed by address (or, on the allowlist, by address or domain). Nothing is sent until the
 * result is subscribed, and input is checked first.
 *
 * @param <T> the entry type
 */
public interface SuppressionOperations<T> {

	/**
	 * Lists every entry, following Mailgun's paging links as the subscriber consumes entries. A page is
	 * requested only when needed; cancelling stops further requests.
	 * @return the entries
	 */
	default Flux<T> list() {
		return list(SuppressionListOptions.DEFAULTS);
	}

	/**
	 * Lists entries with a page size or an address prefix, following Mailgun's paging links lazily.
	 * @param options the page size and prefix
	 * @return the entries
	 */
	Flux<T> list(SuppressionListOptions options);

	/**
	 * Looks up the entry of one address ({@code GET .../{address}}); a missing one is a
	 * {@link io.github.springmailgun.error.MailgunNotFoundException}.
	 * @param address the address (on the allowlist: the address or domain)
	 * @return the entry
	 */
	Mono<T> get(String address);

	/**
	 * Deletes the entry of one address, so that mail to it is delivered again.
	 * @param address the address (on the allowlist: the address or domain)
	 * @return Mailgun's answer
	 */
	Mono<SuppressionResponse> delete(String address);

	/**
	 * Deletes every entry of the table.
	 * @return Mailgun's answer
	 */
	Mono<SuppressionResponse> clear();

	/**
	 * Uploads a CSV file of entries (up to 25 MB) for Mailgun to add in the background.
	 * @param csv the file
	 * @return Mailgun's answer, given once the file is accepted for processing
	 */
	Mono<SuppressionResponse> importCsv(Path csv);

	/**
	 * Uploads a CSV resource of entries for Mailgun to add in the background.
	 * @param csv the resource; its file name is sent, {@code import.csv} when it has none
	 * @return Mailgun's answer
	 */
	Mono<SuppressionResponse> importCsv(Resource csv);

	/**
	 * Uploads CSV bytes of entries for Mailgun to add in the background.
	 * @param filename the file name to send
	 * @param csv the CSV
	 * @return Mailgun's answer
	 */
	Mono<SuppressionResponse> importCsv(String filename, byte[] csv);

}
