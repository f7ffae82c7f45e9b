package io.github.springmailgun.route;

/**
 * Mailgun's answer to deleting a route.
 *
 * @param id the id of the deleted route
 * @param message Mailgun's text, such as {@code Route has been deleted}
 */
public record RouteDeletion(String id, String message) {

}
