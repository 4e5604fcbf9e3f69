package dev.llmos.daemon.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * a json-rpc 2.0 error object. the standard codes are json-rpc's own; the -320xx range is ours,
 * one code per kind of refusal so clients can react without parsing messages.
 */
public record RpcError(int code, String message, JsonNode data) {

    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;

    public static final int REQUEST_TOO_LARGE = -32001;
    public static final int READ_TIMEOUT = -32002;
    public static final int PEER_REFUSED = -32003;
    public static final int TOO_MANY_CLIENTS = -32004;
    public static final int NOT_PERMITTED = -32005;
    public static final int PLAN_INVALID = -32010;
    public static final int POLICY_INVALID = -32011;
    public static final int UNKNOWN_PLAN = -32012;
    public static final int APPROVAL_REQUIRED = -32013;
    public static final int APPROVAL_INVALID = -32014;
    public static final int PLAN_DENIED = -32015;
    public static final int PLAN_STATE = -32016;
    public static final int TOO_MANY_PLANS = -32017;

    public RpcError(int code, String message) {
        this(code, message, null);
    }
}
