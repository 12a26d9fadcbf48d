# asyncio.to_thread runs the function in a copy of the caller's contextvars: the thread sees the
# caller's values, and what it sets stays in the copy.
import asyncio
import contextvars

REQUEST_ID = contextvars.ContextVar("requestId", default="-")


def blocking():
    print(f"thread sees {REQUEST_ID.get()}")
    REQUEST_ID.set("set-in-thread")
    print(f"thread set {REQUEST_ID.get()}")
    return "done"


async def main():
    print(f"task before {REQUEST_ID.get()}")
    REQUEST_ID.set("r-42")
    print(f"task set {REQUEST_ID.get()}")
    result = await asyncio.to_thread(blocking)
    print(f"thread returned {result}")
    print(f"task after {REQUEST_ID.get()}")


asyncio.run(main())
