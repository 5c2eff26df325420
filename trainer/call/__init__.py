"""The call itself: a scenario played as a state machine, one customer reply in, a scored
turn and the agent's next line out (`dialogue`), how long a reply may be and reading replies
from a file (`replies`), and a finished call as plain text (`transcript`).
Nothing here is saved. It may import `scenario`, `scoring` and `support`."""
