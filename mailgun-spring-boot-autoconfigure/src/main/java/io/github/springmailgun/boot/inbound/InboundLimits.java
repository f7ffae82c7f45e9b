package io.github.springmailgun.boot.inbound;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The limits the inbound endpoint reads a request within, checked before and while it is read.
 *
 * @param maxRequestSize largest request in bytes, which also bounds the disk one request uses
 * @param maxFields most form fields and files one request may have
 * @param maxFieldSize largest text field in bytes, held in memory
 * @param maxInFlight most requests read or handled at the same time
 * @param tempDirectory directory of the temporary files
 */
public record InboundLimits(long maxRequestSize, int maxFields, int maxFieldSize, int maxInFlight, Path tempDirectory) {

	/**
	 * Checks the values.
	 */
	public InboundLimits {
		Objects.requireNonNull(tempDirectory, "tempDirectory");
		if (maxRequestSize < 1 || maxFields < 1 || maxFieldSize < 1 || maxInFlight < 1) {
			throw new IllegalArgumentException("Inbound limits must be positive");
		}
	}

}
