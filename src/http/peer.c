/* The client address of a request (see peer.h), from the request's source
 * (request_client_addr: libmicrohttpd's peer address when serving). */
#include "http/peer.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>

bool request_peer_is_loopback(const struct request *rq) {
    char addr[64];
    request_client_addr(rq, addr, sizeof addr);
    struct in_addr v4;
    struct in6_addr v6;
    if (inet_pton(AF_INET, addr, &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
    if (inet_pton(AF_INET6, addr, &v6) == 1) {
        static const uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
        if (IN6_IS_ADDR_LOOPBACK(&v6)) return true;
        return memcmp(v6.s6_addr, mapped, sizeof mapped) == 0 && v6.s6_addr[12] == 127;
    }
    return false;
}
