package dev.llmos.engine.host;

import java.util.List;

/**
 * who asked for a plan: from the socket's peer credentials in the daemon, from the process itself
 * when embedded. never from the plan or the model.
 */
public record Requester(int uid, int gid, String user, List<String> groups) {

    public Requester {
        groups = List.copyOf(groups);
    }

    public boolean isRoot() {
        return uid == 0;
    }

    public boolean inGroup(String group) {
        return groups.contains(group);
    }
}
