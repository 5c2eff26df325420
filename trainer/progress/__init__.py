"""Progress over the score history: trends, bests, streaks and the weakest skill
(`summary`), the periods the charts show (`spans`), the coach's pick of what to practise next
(`coach`), and the history at a glance as Home and Progress read it (`overview`). It may
import `history` and every folder below it, but not `authoring` or `practice`."""
