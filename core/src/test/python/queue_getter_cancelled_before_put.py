"""Twin of QueueCancellationTest.aGetterCancelledBeforeThePutLetsTheItemGoToTheNextGetter.

Two getters wait on an empty queue; the first is cancelled while it waits (before anything is
put), then an item is put: the second getter gets it, and the queue is empty afterwards.
"""
import asyncio
import sys

sys.dont_write_bytecode = True  # keep src/test/python free of __pycache__
from queue_twin_getter import two_getters_in_line  # noqa: E402


async def main():
    q = asyncio.Queue()
    trace = []

    first, second = await two_getters_in_line(q, trace)
    first.cancel()
    await asyncio.gather(first, return_exceptions=True)
    q.put_nowait("item")
    await second
    trace.append(f"left {q.qsize()}")
    print("\n".join(trace))


asyncio.run(main())
