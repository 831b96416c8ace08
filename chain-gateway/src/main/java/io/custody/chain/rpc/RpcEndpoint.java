package io.custody.chain.rpc;

import java.net.URI;

/** A named JSON-RPC endpoint; the order in which endpoints are given is their priority. */
public record RpcEndpoint(String name, URI url) {
    public RpcEndpoint {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("endpoint name must not be blank");
        }
        if (url == null || !(url.getScheme().equals("http") || url.getScheme().equals("https"))) {
            throw new IllegalArgumentException("endpoint url must be http(s): " + url);
        }
    }

    public static RpcEndpoint of(String name, String url) {
        return new RpcEndpoint(name, URI.create(url));
    }

    /** Endpoint URLs can carry provider API keys, so only the name is printed. */
    @Override
    public String toString() {
        return "RpcEndpoint[" + name + "]";
    }
}
