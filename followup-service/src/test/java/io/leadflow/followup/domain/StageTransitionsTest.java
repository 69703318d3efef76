package io.leadflow.followup.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StageTransitionsTest {

    @Test
    void aLeadMovesForwardOneStepAtATime() {
        assertThat(Stage.Transitions.check(Stage.NEW, Stage.CONTACTED)).isFalse();
        assertThat(Stage.Transitions.check(Stage.CONTACTED, Stage.NEEDS_CONFIRMED)).isFalse();
        assertThat(Stage.Transitions.check(Stage.NEEDS_CONFIRMED, Stage.PROPOSAL)).isFalse();
        assertThat(Stage.Transitions.check(Stage.PROPOSAL, Stage.NEGOTIATION)).isFalse();
    }

    @Test
    void skippingAStageIsAnIllegalJump() {
        assertThatThrownBy(() -> Stage.Transitions.check(Stage.NEW, Stage.NEGOTIATION))
                .isInstanceOf(RuleBroken.class).hasMessageContaining("may move to CONTACTED, NURTURING");
    }

    @Test
    void wonAndLostAreReachedOnlyThroughAnOutcome() {
        assertThatThrownBy(() -> Stage.Transitions.check(Stage.NEGOTIATION, Stage.WON))
                .isInstanceOf(RuleBroken.class).hasMessageContaining("/outcome");
        assertThatThrownBy(() -> Stage.Transitions.check(Stage.CONTACTED, Stage.LOST)).isInstanceOf(RuleBroken.class);
    }

    @Test
    void aWonLeadNeverMovesAgain() {
        assertThatThrownBy(() -> Stage.Transitions.check(Stage.WON, Stage.NURTURING))
                .isInstanceOf(RuleBroken.class).hasMessageContaining("closed");
    }

    @Test
    void aLostLeadCanBeReopenedAndThatIsFlagged() {
        assertThat(Stage.Transitions.check(Stage.LOST, Stage.NURTURING)).isTrue();
        assertThat(Stage.Transitions.check(Stage.LOST, Stage.CONTACTED)).isTrue();
    }

    @Test
    void anyOpenStageMayGoToNurturing() {
        for (Stage stage : new Stage[] {Stage.NEW, Stage.CONTACTED, Stage.NEEDS_CONFIRMED, Stage.PROPOSAL, Stage.NEGOTIATION}) {
            assertThat(Stage.Transitions.from(stage)).contains(Stage.NURTURING);
        }
    }

    @Test
    void chineseStageWordsAreAccepted() {
        assertThat(Stage.parse("已联系")).contains(Stage.CONTACTED);
        assertThat(Stage.parse("needs confirmed")).contains(Stage.NEEDS_CONFIRMED);
        assertThat(Stage.parse("谈判")).contains(Stage.NEGOTIATION);
        assertThat(Stage.parse("somewhere")).isEmpty();
    }
}
