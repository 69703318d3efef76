package io.leadflow.intake.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.leadflow.intake.domain.DuplicateKeys;

/**
 * The statements Hibernate does not express: the per-day id counter, transaction-scoped advisory locks on
 * duplicate keys, and the indexed duplicate lookup. Plain JDBC on the datasource joins the caller's transaction.
 */
@ApplicationScoped
public class LeadStore {

    /** Seed of the advisory-lock hash, so capture's keys never share a lock with another use of advisory locks. */
    private static final int LOCK_SPACE = 7031;

    private final DataSource dataSource;
    private final DataSource counterDataSource;

    public LeadStore(DataSource dataSource, @io.quarkus.agroal.DataSource("ids") DataSource counterDataSource) {
        this.dataSource = dataSource;
        this.counterDataSource = counterDataSource;
    }

    /**
     * The next sequence of a business day; the row lock makes concurrent captures take distinct values.
     *
     * <p>Committed at once, outside the capture's transaction: inside it the day's single counter row stayed locked
     * until the whole capture committed, so every capture of the day queued behind the previous one (deploy/bench
     * measured 26 leads/s, 80 % of request threads waiting here). The price is a gap in the day's numbers when a
     * capture later rolls back, as with any database sequence.
     *
     * <p>The statement runs on the small non-transactional {@code ids} pool, never on the main one: a capture holds
     * a main-pool connection (its advisory locks) while it asks for a number, so taking the number from the same
     * pool deadlocked as soon as every main connection belonged to a capture waiting for a second one (CI saw 12
     * concurrent captures on a pool of 8 end in acquisition timeouts). An autocommit statement on its own pool
     * holds nothing while it waits and cannot close that circle.
     */
    public int nextSequence(LocalDate day) {
        return intQuery("""
                insert into lead_day_counter (day, last_value) values (?, 1)
                on conflict (day) do update set last_value = lead_day_counter.last_value + 1
                returning last_value""", day, null);
    }

    /** The lock key of a lead reference (a 线索编号 moved in, or a number the counter gave). */
    public static String referenceKey(String reference) {
        return "ref:" + reference;
    }

    /**
     * Takes a number the day's counter gave, unless a lead moved in with that 线索编号 has it, or is being captured
     * with it right now: the same key {@link #lock} takes for a capture's reference, but tried, not waited for, so a
     * capture holding other keys never waits on one that waits on it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean claimId(String id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement claim = c.prepareStatement("""
                     select pg_try_advisory_xact_lock(hashtextextended(?, %d))
                        and not exists (select 1 from lead where id = ?)
                        and not exists (select 1 from lead where external_ref = ?)""".formatted(LOCK_SPACE))) {
            claim.setString(1, referenceKey(id));
            claim.setString(2, id);
            claim.setString(3, id);
            try (ResultSet rs = claim.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not claim lead number " + id, e);
        }
    }

    /**
     * Serialises submissions that share a phone, email, company or external reference until this transaction ends,
     * so that two concurrent submissions of one person make one lead. Keys are locked in sorted order (no deadlock),
     * all in one statement: {@code unnest} yields the array in its order, and one round trip instead of one per key
     * is what a capture spends least on (deploy/bench: statements, not rows, dominate a capture's database work).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lock(java.util.List<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement lock = c.prepareStatement(
                     "select count(pg_advisory_xact_lock(hashtextextended(k, " + LOCK_SPACE
                             + "))) from unnest(?::text[]) as u(k)")) {
            lock.setArray(1, c.createArrayOf("text", keys.stream().sorted().distinct().toArray()));
            lock.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not lock duplicate keys", e);
        }
    }

    public record Match(String leadId, String matchedOn) {
    }

    /**
     * The live lead sharing a key with the submission: phone first, then email, then company name. One statement
     * over the three partial unique keys (a bitmap OR of their indexes); each key names at most one lead. A key held
     * by a lead staff merged into another answers that other lead: the person was judged to be it.
     *
     * @param excludingLeadId the lead being corrected: neither it nor a lead merged into it is a duplicate of it
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Match> findDuplicate(DuplicateKeys keys, String excludingLeadId) {
        if (keys.phone() == null && keys.email() == null && keys.company() == null) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("""
                     select coalesce(merged_into, id),
                            case when phone_key = ? then 'PHONE' when email_key = ? then 'EMAIL' else 'COMPANY' end
                     from lead
                     where (phone_key = ? or email_key = ? or company_key = ?) and coalesce(merged_into, id) <> ?
                       and status <> 'ERASED'
                     order by case when phone_key = ? then 0 when email_key = ? then 1 else 2 end
                     limit 1""")) {
            String[] params = {keys.phone(), keys.email(), keys.phone(), keys.email(), keys.company(),
                    excludingLeadId == null ? "" : excludingLeadId, keys.phone(), keys.email()};
            for (int i = 0; i < params.length; i++) {
                q.setString(i + 1, params[i]);
            }
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(new Match(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not look up duplicates", e);
        }
    }

    /**
     * Locks the lead's row for the rest of the transaction and answers the live lead a submission joins: the lead
     * itself, or the lead it was merged into (locked as well); empty when that lead is erased. What a merge holds
     * while it adds a touch, so that an erasure or a staff merge of the same lead runs before or after it, never
     * beside it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<String> lockLive(String leadId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("select status, merged_into from lead where id = ? for update")) {
            String id = leadId;
            // A merge never points at a merged lead (it re-points those merged into the lead it merges away), so
            // one hop is the rule; the bound only guards against a cycle written by hand.
            for (int hop = 0; hop < 8 && id != null; hop++) {
                q.setString(1, id);
                try (ResultSet rs = q.executeQuery()) {
                    if (!rs.next() || "ERASED".equals(rs.getString(1))) {
                        return Optional.empty();
                    }
                    String into = rs.getString(2);
                    if (into == null) {
                        return Optional.of(id);
                    }
                    id = into;
                }
            }
            return Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not lock lead " + leadId, e);
        }
    }

    /**
     * Takes the phone, email and company keys in {@code keys} off the leads merged into {@code leadId}, so that the
     * lead itself can hold them (a correction giving it the number of a lead merged into it).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void releaseMergedKeys(String leadId, DuplicateKeys keys) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement u = c.prepareStatement("""
                     update lead set phone_key = case when phone_key = ? then null else phone_key end,
                                     email_key = case when email_key = ? then null else email_key end,
                                     company_key = case when company_key = ? then null else company_key end
                     where merged_into = ? and (phone_key = ? or email_key = ? or company_key = ?)""")) {
            String[] params = {keys.phone(), keys.email(), keys.company(), leadId, keys.phone(), keys.email(),
                    keys.company()};
            for (int i = 0; i < params.length; i++) {
                u.setString(i + 1, params[i]);
            }
            u.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not release the keys of leads merged into " + leadId, e);
        }
    }

    /** The version of the screening policy in force (the highest), or 0 while none was ever written. */
    public int latestPolicyVersion() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("select coalesce(max(version), 0) from screening_policy");
             ResultSet rs = q.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the screening policy's version", e);
        }
    }

    /**
     * The next {@code count} sequences of each business day, in one autocommit statement on the {@code ids} pool (as
     * {@link #nextSequence}): a batch of captures numbers all its new leads with one round trip. Days are taken in
     * order, so two batches never wait on each other's counter rows in a circle.
     *
     * @return for each day, the first of its {@code count} consecutive sequences
     */
    public java.util.Map<LocalDate, Integer> nextSequences(java.util.SortedMap<LocalDate, Integer> counts) {
        java.util.Map<LocalDate, Integer> first = new java.util.HashMap<>();
        if (counts.isEmpty()) {
            return first;
        }
        try (Connection c = counterDataSource.getConnection(); PreparedStatement q = c.prepareStatement("""
                insert into lead_day_counter (day, last_value)
                select day, n from unnest(?::date[], ?::int[]) as u(day, n) order by day
                on conflict (day) do update set last_value = lead_day_counter.last_value + excluded.last_value
                returning day, last_value""")) {
            c.setAutoCommit(true);
            q.setArray(1, c.createArrayOf("date", counts.keySet().stream().map(java.sql.Date::valueOf).toArray()));
            q.setArray(2, c.createArrayOf("integer", counts.values().toArray()));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    LocalDate day = rs.getObject(1, LocalDate.class);
                    first.put(day, rs.getInt(2) - counts.get(day) + 1);
                }
            }
            return first;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not advance the lead id counters", e);
        }
    }

    /** {@link #claimId} for many numbers in one statement: the ones taken, in the order given. */
    @Transactional(Transactional.TxType.MANDATORY)
    public java.util.Set<String> claimIds(java.util.List<String> ids) {
        java.util.Set<String> claimed = new java.util.HashSet<>();
        if (ids.isEmpty()) {
            return claimed;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement("""
                select u.id from unnest(?::text[]) with ordinality as u(id, n)
                where pg_try_advisory_xact_lock(hashtextextended('ref:' || u.id, %d))
                  and not exists (select 1 from lead where id = u.id)
                  and not exists (select 1 from lead where external_ref = u.id)
                order by u.n""".formatted(LOCK_SPACE))) {
            q.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    claimed.add(rs.getString(1));
                }
            }
            return claimed;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not claim " + ids.size() + " lead numbers", e);
        }
    }

    /** The leads imported 线索编号 already became, as their ids or external references: reference → lead. */
    @Transactional(Transactional.TxType.MANDATORY)
    public java.util.Map<String, String> findByReferences(java.util.Collection<String> references) {
        java.util.Map<String, String> found = new java.util.HashMap<>();
        if (references.isEmpty()) {
            return found;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement("""
                select l.id, l.id from unnest(?::text[]) as r(ref),
                     lateral (select id from lead where id = r.ref limit 1) l
                union all
                select l.external_ref, l.id from unnest(?::text[]) as r(ref),
                     lateral (select id, external_ref from lead where external_ref = r.ref limit 1) l""")) {
            java.sql.Array refs = c.createArrayOf("text", references.toArray());
            q.setArray(1, refs);
            q.setArray(2, refs);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    found.putIfAbsent(rs.getString(1), rs.getString(2)); // a lead's own id answers first
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not look up references", e);
        }
    }

    /**
     * A live lead holding one of the given keys, as {@link #findDuplicate} reads them: {@code answers} is the lead a
     * submission sharing one of its keys joins (the lead it was merged into, if it was).
     */
    public record KeyHolder(String answers, String phoneKey, String emailKey, String companyKey) {
    }

    /** Every live lead holding one of the given phone, email or company keys, in one statement. */
    @Transactional(Transactional.TxType.MANDATORY)
    public java.util.List<KeyHolder> keyHolders(java.util.Collection<String> phones,
                                                java.util.Collection<String> emails,
                                                java.util.Collection<String> companies) {
        java.util.List<KeyHolder> holders = new java.util.ArrayList<>();
        if (phones.isEmpty() && emails.isEmpty() && companies.isEmpty()) {
            return holders;
        }
        // One index probe per key (the lateral subqueries stay nested loops): planned as one filter over the table,
        // a run's 750 keys were compared with every row of it (deploy/bench/imports, a new database importing).
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement("""
                select coalesce(l.merged_into, l.id), l.phone_key, l.email_key, l.company_key
                from unnest(?::text[]) as k(key),
                     lateral (select * from lead where phone_key = k.key and status <> 'ERASED' limit 1) l
                union all
                select coalesce(l.merged_into, l.id), l.phone_key, l.email_key, l.company_key
                from unnest(?::text[]) as k(key),
                     lateral (select * from lead where email_key = k.key and status <> 'ERASED' limit 1) l
                union all
                select coalesce(l.merged_into, l.id), l.phone_key, l.email_key, l.company_key
                from unnest(?::text[]) as k(key),
                     lateral (select * from lead where company_key = k.key and status <> 'ERASED' limit 1) l""")) {
            q.setArray(1, c.createArrayOf("text", phones.toArray()));
            q.setArray(2, c.createArrayOf("text", emails.toArray()));
            q.setArray(3, c.createArrayOf("text", companies.toArray()));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    holders.add(new KeyHolder(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
            return holders;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not look up duplicates", e);
        }
    }

    public record Owner(String ownerId, java.time.Instant since) {
    }

    /** The lead's current owner, row-locked until the transaction ends; empty when intake has no such lead. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Owner> lockOwner(String leadId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("select owner_id, owner_since from lead where id = ? for update")) {
            q.setString(1, leadId);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                java.sql.Timestamp since = rs.getTimestamp(2);
                return Optional.of(new Owner(rs.getString(1), since == null ? null : since.toInstant()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the lead's owner", e);
        }
    }

    /** Sets the owner without touching the row's version: a correction in flight does not conflict with it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void setOwner(String leadId, String ownerId, java.time.Instant since) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement u = c.prepareStatement("update lead set owner_id = ?, owner_since = ? where id = ?")) {
            u.setString(1, ownerId);
            u.setTimestamp(2, java.sql.Timestamp.from(since));
            u.setString(3, leadId);
            u.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set the lead's owner", e);
        }
    }

    /**
     * Removes what erasure must not leave behind outside the lead row and its events: the Idempotency-Key records of
     * its form posts (a key may be anything the page chose, an email included), and the reasons and cells of every
     * import row of the lead or naming one of the person's phone or email keys (a row that did not become a lead
     * belongs to none, yet holds the person as the sheet had them). Waits at most {@code lockTimeout} for a
     * transaction that holds one of those rows (a form post or an import of the same person).
     *
     * @param phoneKeys the person's phones as duplicate keys (E.164): the lead's, and those a correction replaced
     * @param emailKeys likewise for email
     * @return false when a row stayed locked past the timeout; the caller must then roll back
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean eraseTraces(String leadId, java.util.Collection<String> phoneKeys,
                               java.util.Collection<String> emailKeys, java.time.Duration lockTimeout) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement timeout = c.prepareStatement("select set_config('lock_timeout', ?, true)")) {
                timeout.setString(1, lockTimeout.toMillis() + "ms");
                timeout.execute();
            }
            try (PreparedStatement statement = c.prepareStatement("delete from form_submission where lead_id = ?")) {
                statement.setString(1, leadId);
                statement.executeUpdate();
            }
            try (PreparedStatement rows = c.prepareStatement("""
                    update lead_import_row set reasons = null, cells = null, phone_key = null, email_key = null
                    where lead_id = ? or phone_key = any (?) or email_key = any (?)""")) {
                rows.setString(1, leadId);
                rows.setArray(2, c.createArrayOf("text", phoneKeys.toArray()));
                rows.setArray(3, c.createArrayOf("text", emailKeys.toArray()));
                rows.executeUpdate();
            }
            return true;
        } catch (SQLException e) {
            if ("55P03".equals(e.getSQLState())) {
                return false; // lock_timeout: the caller's transaction rolls back and nothing is changed
            }
            throw new IllegalStateException("Could not erase the lead's traces", e);
        }
    }

    private int intQuery(String sql, LocalDate day, Integer value) {
        try (Connection c = counterDataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            c.setAutoCommit(true);
            q.setObject(1, day);
            if (value != null) {
                q.setInt(2, value);
            }
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not advance the lead id counter", e);
        }
    }
}
