/**
 * network_show, link_set and dns_set: addresses and routes as structured data, links up or down,
 * the dns servers in resolv.conf. all through {@code ip} (argv, json output) and the files
 * package's atomic write.
 */
package dev.llmos.actions.network;
