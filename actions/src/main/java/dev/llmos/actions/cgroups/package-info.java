/**
 * cgroup_apply, and the cgroups the exec action confines commands in: groups under a fixed
 * {@code llm-os} parent, on cgroup v2 and on the v1 layout, as the host mounts them.
 */
package dev.llmos.actions.cgroups;
