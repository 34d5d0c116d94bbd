"""nbgrader configuration for the Peacekeeping & SSR course.

Run nbgrader from this folder (the course directory). The source assignments in source/ are
generated from exercises/solutions/ by `make nbgrader`; edit those notebooks, not these.
See the instructors' guide in the book ("Grading with nbgrader") for the whole workflow.
"""

c = get_config()  # noqa: F821 (provided by nbgrader)

c.CourseDirectory.course_id = "peacekeeping-ssr"
c.CourseDirectory.root = __import__("os").path.dirname(__import__("os").path.abspath(__file__))

# The released notebooks must run top to bottom before a learner has answered anything, as the
# self-study versions do: an unanswered cell leaves `answer_N_M = None`, and the checks say
# "not answered yet" instead of raising NotImplementedError.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
c.ClearSolutions.enforce_metadata = True

# Each notebook runs in a few seconds; five minutes leaves room for a loaded hub.
c.ExecutePreprocessor.timeout = 300
c.ExecutePreprocessor.kernel_name = "python3"

# On a JupyterHub, set the exchange folder shared by instructors and learners, for example:
# c.Exchange.root = "/srv/nbgrader/exchange"
# and list the learners in the gradebook (`nbgrader db student import students.csv`).
