package dev.llmos.daemon.client;

import com.fasterxml.jackson.databind.JsonNode;

/** a request that ends in a json-rpc error; thrown by method handlers, answered by the server. */
public final class RpcException extends RuntimeException {

    private final RpcError error;

    public RpcException(int code, String message) {
        this(new RpcError(code, message));
    }

    public RpcException(int code, String message, JsonNode data) {
        this(new RpcError(code, message, data));
    }

    public RpcException(RpcError error) {
        super(error.message());
        this.error = error;
    }

    public RpcError error() {
        return error;
    }
}
