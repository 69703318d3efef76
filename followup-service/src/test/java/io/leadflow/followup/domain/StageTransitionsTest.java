package io.leadflow.followup.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.leadflow.events.domain.RuleBroken;
import io.leadflow.events.vocabulary.Stage;

class StageTransitionsTest {

    @Test
    void aLeadMovesForwardOneStepAtATime() {
        assertThat(StageTransitions.check(Stage.NEW, Stage.CONTACTED)).isFalse();
        assertThat(StageTransitions.check(Stage.CONTACTED, Stage.NEEDS_CONFIRMED)).isFalse();
        assertThat(StageTransitions.check(Stage.NEEDS_CONFIRMED, Stage.PROPOSAL)).isFalse();
        assertThat(StageTransitions.check(Stage.PROPOSAL, Stage.NEGOTIATION)).isFalse();
    }

    @Test
    void skippingAStageIsAnIllegalJump() {
        assertThatThrownBy(() -> StageTransitions.check(Stage.NEW, Stage.NEGOTIATION))
                .isInstanceOf(RuleBroken.class).hasMessageContaining("may move to CONTACTED, NURTURING");
    }

    @Test
    void wonAndLostAreReachedOnlyThroughAnOutcome() {
        assertThatThrownBy(() -> StageTransitions.check(Stage.NEGOTIATION, Stage.WON))
                .isInstanceOf(RuleBroken.class).hasMessageContaining("/outcome");
        assertThatThrownBy(() -> StageTransitions.check(Stage.CONTACTED, Stage.LOST)).isInstanceOf(RuleBroken.class);
    }

    @Test
    void aWonLeadNeverMovesAgain() {
        assertThatThrownBy(() -> StageTransitions.check(Stage.WON, Stage.NURTURING))
                .isInstanceOf(RuleBroken.class).hasMessageContaining("closed");
    }

    @Test
    void aLostLeadCanBeReopenedAndThatIsFlagged() {
        assertThat(StageTransitions.check(Stage.LOST, Stage.NURTURING)).isTrue();
        assertThat(StageTransitions.check(Stage.LOST, Stage.CONTACTED)).isTrue();
    }

    @Test
    void anyOpenStageMayGoToNurturing() {
        for (Stage stage : new Stage[] {Stage.NEW, Stage.CONTACTED, Stage.NEEDS_CONFIRMED, Stage.PROPOSAL, Stage.NEGOTIATION}) {
            assertThat(StageTransitions.from(stage)).contains(Stage.NURTURING);
        }
    }

    @Test
    void chineseStageWordsAreAccepted() {
        assertThat(StageWords.parse("已联系")).contains(Stage.CONTACTED);
        assertThat(StageWords.parse("needs confirmed")).contains(Stage.NEEDS_CONFIRMED);
        assertThat(StageWords.parse("谈判")).contains(Stage.NEGOTIATION);
        assertThat(StageWords.parse("somewhere")).isEmpty();
    }

    @Test
    void theSuitesStageWordsAndTheOnesFollowUpShowedBeforeAreBothAccepted() {
        assertThat(StageWords.parse("方案报价")).contains(Stage.PROPOSAL);
        assertThat(StageWords.parse("方案")).contains(Stage.PROPOSAL);
        assertThat(StageWords.parse("商务谈判")).contains(Stage.NEGOTIATION);
        assertThat(StageWords.parse("培育中")).contains(Stage.NURTURING);
        assertThat(StageWords.parse("培育")).contains(Stage.NURTURING);
        assertThat(StageWords.parse("Proposal")).contains(Stage.PROPOSAL);
        assertThat(StageWords.accepted()).contains("PROPOSAL (方案报价)", "NURTURING (培育中)");
    }
}
