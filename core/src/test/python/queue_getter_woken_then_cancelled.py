"""Twin of QueueCancellationTest.aGetterHandedTheItemAndThenCancelledKeepsItWhereAsyncioPassesItOn.

Two getters wait; an item is put, which wakes the first, and the first is cancelled before it
runs. asyncio raises CancelledError in the first and passes the wake-up on: the second gets the
item. Weft deliberately differs (ADR 0011): the item was handed to the first getter, which keeps
it and returns it; the cancellation is raised at its next checkpoint. Both lose nothing: the
item is got exactly once and the queue is empty afterwards. The Java test checks this trace
against asyncio's and its own against Weft's rule.
"""
import asyncio
import sys

sys.dont_write_bytecode = True  # keep src/test/python free of __pycache__
from queue_twin_getter import two_getters_in_line  # noqa: E402


async def main():
    q = asyncio.Queue()
    trace = []

    first, second = await two_getters_in_line(q, trace)
    q.put_nowait("item")  # hands the wake-up to the first getter...
    first.cancel()        # ...which is cancelled before it runs
    await asyncio.gather(first, return_exceptions=True)
    await asyncio.sleep(0)
    second.cancel()       # the second either got the item or still waits
    await asyncio.gather(second, return_exceptions=True)
    trace.append(f"left {q.qsize()}")
    print("\n".join(trace))


asyncio.run(main())
