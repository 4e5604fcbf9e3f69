package dev.llmos.cli.app;

import dev.llmos.daemon.client.RpcError;
import dev.llmos.daemon.client.RpcException;

/**
 * which exit code a json-rpc error from llm-osd means, for the commands that only ask it something
 * (status, recover, audit tail): what the request said is wrong is bad input (2); a refusal, a
 * full daemon or its own failure is a failure (1), as the readme's exit code table says.
 */
public final class DaemonErrors {

    private DaemonErrors() {
    }

    public static RuntimeException of(RpcException e) {
        String message = "llm-osd: " + e.getMessage();
        return switch (e.error().code()) {
            case RpcError.PARSE_ERROR, RpcError.INVALID_REQUEST, RpcError.METHOD_NOT_FOUND, RpcError.INVALID_PARAMS,
                 RpcError.REQUEST_TOO_LARGE, RpcError.PLAN_INVALID, RpcError.POLICY_INVALID, RpcError.UNKNOWN_PLAN ->
                    new BadInputException(message, e);
            default -> new DaemonRefusedException(message, e);
        };
    }
}
