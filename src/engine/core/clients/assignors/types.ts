/**
 * Plain-data types of the classic consumer-group assignment: what the group leader's assignor gets
 * (`ConsumerPartitionAssignor.GroupSubscription`) and returns (`GroupAssignment`).
 */

export interface TopicPartition {
  readonly topic: string
  readonly partition: number
}

/** Built-in assignor names, as sent in JoinGroup (`ConsumerPartitionAssignor#name`). */
export type AssignorName = 'range' | 'roundrobin' | 'sticky' | 'cooperative-sticky'

/** `ConsumerPartitionAssignor.RebalanceProtocol`. */
export type RebalanceProtocol = 'EAGER' | 'COOPERATIVE'

/** One member's `Subscription` as the group leader sees it. */
export interface MemberSubscription {
  readonly memberId: string
  /** `group.instance.id` for a static member, null for a dynamic one. */
  readonly groupInstanceId: string | null
  readonly topics: readonly string[]
  /**
   * The partitions the member reports as previously owned. For cooperative-sticky these are the
   * partitions it still owns (`Subscription#ownedPartitions`); for sticky (eager, everything was
   * revoked before joining) the previous assignment it keeps in its user data. Range and
   * round-robin ignore them.
   */
  readonly ownedPartitions: readonly TopicPartition[]
  /** Generation of that ownership; null when the member has none (new member). */
  readonly generation: number | null
}

export interface AssignmentInput {
  /**
   * The members in JoinGroup response order (the order the leader fills its subscriptions
   * `HashMap`). The sticky assignors derive that map's iteration order from it, as a Java leader
   * would; range and round-robin sort members and do not depend on it.
   */
  readonly members: readonly MemberSubscription[]
  /**
   * Partition count per topic from the leader's metadata. Subscribed topics missing here or with
   * no partitions are skipped, like `AbstractPartitionAssignor#assign` does.
   */
  readonly partitionsPerTopic: Readonly<Record<string, number>>
}

/** Partitions per member id. Every member of the input has an entry, possibly empty. */
export type GroupAssignment = Record<string, TopicPartition[]>
